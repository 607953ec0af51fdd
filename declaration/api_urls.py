from django.urls import path

from declaration import registry

app_name = "api"

urlpatterns = [
    path("declarations", registry.api_declarations, name="declarations"),
    path("declarations/<str:declaration_id>", registry.api_declaration, name="declaration"),
]
