"""Root URLs. The public URL contract is in DESIGN.md §3: keep those paths stable."""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from portal.views import site

admin.site.site_header = _("SECURITY ACTION ポータル 管理")
admin.site.site_title = _("SECURITY ACTION ポータル")
# The admin signs in through allauth too: one login, one rate limit, the second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", site.home, name="home"),
    path("healthz", site.healthz, name="healthz"),
    path("about/", site.about, name="about"),
    path("privacy/", site.privacy, name="privacy"),
    path("terms/", site.terms, name="terms"),
    path("accessibility/", site.accessibility_statement, name="accessibility"),
    path("preferences/text-size/", site.text_size, name="text_size"),
    # Before Django's own i18n URLs: the switch also remembers the choice on the account.
    path("i18n/setlang/", site.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Accounts are django-allauth's. The paths people hold from before keep working.
    path(
        "accounts/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", permanent=True, query_string=True),
    ),
    path(
        "accounts/password_change/",
        RedirectView.as_view(pattern_name="account_change_password", permanent=True),
    ),
    path("accounts/", include("portal.accounts_urls")),
    # "Download my data", account deletion and an organisation's export read every service.
    path("", include("console.data_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("portal.organisations_urls")),
    path("documents/", include("portal.documents_urls")),
    path("", include("portal.reference_urls")),  # /glossary/ and /help/
    path("diagnosis/", include("diagnosis.urls")),
    path("declaration/", include("declaration.urls")),
    path("registry/", include("declaration.registry_urls")),
    path("api/", include("declaration.api_docs_urls")),  # the API's documentation page
    path("api/v1/", include("declaration.api_urls")),
    path("policies/", include("declaration.policy_urls")),
    path("review/", include("console.urls")),
    path("my/", include("console.home_urls")),  # the signed-in home
    path("learning/", include("learning.urls")),
    path("certificates/", include("learning.certificate_urls")),
    path("presenters/", include("presenters.urls")),
    path("admin/", admin.site.urls),
]

# Each page exists in Japanese at its unprefixed path and in English under /en/ (portal.lib.languages).
# These have one URL for all: machines read them, or they switch the language themselves.
ONE_URL = {"healthz", "i18n/setlang/", "i18n/", "api/v1/", "admin/"}
urlpatterns = [
    *(p for p in urlpatterns if str(p.pattern) in ONE_URL),
    path("", include("console.search_engine_urls")),  # /robots.txt and /sitemap.xml
] + i18n_patterns(
    *(p for p in urlpatterns if str(p.pattern) not in ONE_URL), prefix_default_language=False
)

handler500 = "portal.views.site.server_error"
