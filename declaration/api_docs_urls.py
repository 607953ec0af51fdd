from django.urls import path

from declaration import api_views as api

app_name = "api_docs"

urlpatterns = [
    path("", api.documentation, name="index"),
]
