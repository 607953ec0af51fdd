"""The signed-in home at /my/ (name "dashboard", no namespace: LOGIN_REDIRECT_URL names it)."""

from django.urls import path

from console.views import home

urlpatterns = [
    path("", home.dashboard, name="dashboard"),
]
