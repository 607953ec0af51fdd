from django.urls import path

from declaration import api_views as api

app_name = "api"

urlpatterns = [
    path("declarations", api.api_declarations, name="declarations"),
    path("declarations/<str:declaration_id>", api.api_declaration, name="declaration"),
]
