"""/robots.txt and the sitemap: one URL each, at the root (outside the /en/ prefix)."""

from django.urls import path

from console import search_engines

urlpatterns = [
    path("robots.txt", search_engines.robots_txt, name="robots_txt"),
    path("sitemap.xml", search_engines.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", search_engines.sitemap_section, name="sitemap_section"),
]
