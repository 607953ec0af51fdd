from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    # The issuer is http://<host>:<port>/oauth, as GビズID's is https://gbiz-id.go.jp/oauth/.
    path("oauth/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
