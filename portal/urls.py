"""Root URLs. The public URL contract is in DESIGN.md §3: keep those paths stable."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalPasswordResetForm
from portal.views import accounts, site

admin.site.site_header = _("SECURITY ACTION ポータル 管理")
admin.site.site_title = _("SECURITY ACTION ポータル")

urlpatterns = [
    path("", site.home, name="home"),
    path("healthz", site.healthz, name="healthz"),
    path("privacy/", site.privacy, name="privacy"),
    path("terms/", site.terms, name="terms"),
    path("accessibility/", site.accessibility_statement, name="accessibility"),
    path("preferences/text-size/", site.text_size, name="text_size"),
    # Before Django's own i18n URLs: the switch also remembers the choice on the account.
    path("i18n/setlang/", site.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", accounts.PortalLoginView.as_view(), name="login"),
    path("accounts/", include("portal.accounts_urls")),
    # Django's logout (POST only), password change and password reset, with our templates.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PortalPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("", include("portal.organisations_urls")),
    path("diagnosis/", include("diagnosis.urls")),
    path("declaration/", include("declaration.urls")),
    path("registry/", include("declaration.registry_urls")),
    path("api/v1/", include("declaration.api_urls")),
    path("policies/", include("declaration.policy_urls")),
    path("review/", include("declaration.review_urls")),
    path("learning/", include("learning.urls")),
    path("certificates/", include("learning.certificate_urls")),
    path("presenters/", include("presenters.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "portal.views.site.server_error"
