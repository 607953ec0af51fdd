"""What search engines may read: /robots.txt and a sitemap of the public pages in both languages
(each entry with its hreflang alternates). The registry's verification pages stay out of search
engines (absent here, `noindex` on the page) unless the operator sets REGISTRY_INDEXING."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control

from declaration import selectors as declaration_selectors

# Pages anyone can read, by URL name (with arguments); both languages of each are listed.
PUBLIC_PAGES: list[tuple[str, tuple]] = [
    ("home", ()),
    ("about", ()),
    ("diagnosis:take", ()),
    ("diagnosis:guides", ()),
    *(("diagnosis:guide", (number,)) for number in range(1, 26)),
    ("learning:index", ()),
    *(("learning:theme", (number,)) for number in range(1, 26)),
    ("declaration:mark_terms", ()),
    ("registry:search", ()),
    ("registry:statistics", ()),
    ("presenters:search", ()),
    ("certificates:lookup", ()),
    ("api_docs:index", ()),
    ("documents", ()),
    ("glossary", ()),
    ("help", ()),
    ("privacy", ()),
    ("terms", ()),
    ("accessibility", ()),
]


def _reversible(name: str, args: tuple) -> bool:
    try:
        reverse(name, args=args)
    except NoReverseMatch:  # a page this installation does not have (yet)
        return False
    return True


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [page for page in PUBLIC_PAGES if _reversible(*page)]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


class RegistrySitemap(Sitemap):
    """The verification page of each active declaration; only when REGISTRY_INDEXING is on.
    Paged (`limit`), so one request's work does not grow with the number of organisations."""

    i18n = True
    alternates = True
    x_default = True
    limit = 1000

    def items(self):
        return declaration_selectors.registry_search(sort="name")

    def location(self, item):
        return reverse("registry:verify", args=[item.declaration_id])

    def lastmod(self, item):
        return item.updated_at


def sitemaps() -> dict[str, type[Sitemap]]:
    sections: dict[str, type[Sitemap]] = {"pages": PagesSitemap}
    if settings.REGISTRY_INDEXING:
        sections["registry"] = RegistrySitemap
    return sections


@cache_control(max_age=3600)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, sitemaps(), sitemap_url_name="sitemap_section")


@cache_control(max_age=3600)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps(), section=section)


@cache_control(max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the public pages; not the accounts, the console or the admin (in either language)."""
    private = ["/accounts/", "/review/", "/admin/", "/i18n/"]
    lines = ["User-agent: *"]
    for path in private:
        lines.append(f"Disallow: {path}")
        if path not in ("/admin/", "/i18n/"):
            lines.append(f"Disallow: /en{path}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
