from django.urls import path

from declaration import api_views as api

app_name = "api"

urlpatterns = [
    path("openapi.json", api.api_openapi, name="openapi"),
    path("declarations", api.api_declarations, name="declarations"),
    path("declarations/<str:declaration_id>", api.api_declaration, name="declaration"),
]
