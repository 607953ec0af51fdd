from django.urls import path

from declaration import registry_views as registry

app_name = "registry"

urlpatterns = [
    path("", registry.search, name="search"),
    path("statistics/", registry.statistics, name="statistics"),
    path("<str:declaration_id>/", registry.verify, name="verify"),
    path("<str:declaration_id>/badge.svg", registry.badge, name="badge"),
]
