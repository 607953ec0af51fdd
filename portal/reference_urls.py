from django.urls import path

from portal.views import reference

urlpatterns = [
    path("glossary/", reference.glossary, name="glossary"),
    path("help/", reference.help_page, name="help"),
]
