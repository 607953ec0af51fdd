"""Pagination for lists that can hold hundreds of thousands of rows."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject, cached_property

from portal.lib.fragments import generation

# Result pages deeper than this are rendered afresh every time. The shared cache (the Redis
# that also counts rate limits) holds a bounded set of pages — filters × pages × languages —
# however many different query strings visitors (or a crawler) send. Free-text searches can
# take any value, so their pages go to a per-process cache with a fixed number of entries
# (settings.CACHES["free_text_pages"]): bounded too, and unable to evict a rate-limit counter.
MAX_CACHED_PAGE = 20
MAX_PAGE_DIGITS = 6
FREE_TEXT_CACHE = "free_text_pages"


def page_number(request) -> int:
    """The requested page as a number: anything but plain ASCII digits (١٢, ２, -1, 10**20) is 1."""
    raw = request.GET.get("page", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS and int(raw) > 0:
        return int(raw)
    return 1


def cached_list_page(request, rows, per_page: int, *, name: str, filters: dict) -> dict:
    """Template context for a public list whose HTML is cached in a `{% cache %}` block keyed by
    `generation` and `cache_key`: the page is built lazily, so on a cached fragment neither the
    count nor the rows are fetched, and a change to the data (portal.lib.fragments) starts afresh.
    `rows` is a queryset, or a function that returns one: it is called only to build the page.

    `filters` are the search form's cleaned values: the cache key and the pagination links are
    built from them alone, so unknown parameters, invalid values and spelling variants of one
    search share one cached page instead of making a new one each."""
    fragment = generation(name)
    number = page_number(request)
    query = urlencode(sorted((key, str(value)) for key, value in filters.items() if value not in ("", None)))
    free_text = any(key == "q" and value for key, value in filters.items())
    return {
        "page": SimpleLazyObject(
            lambda: CachedCountPaginator(
                rows() if callable(rows) else rows, per_page, generation=fragment
            ).get_page(number)
        ),
        "generation": fragment,
        "query": query,
        "cache_key": f"{query}|{number}",
        "cache_seconds": 0 if number > MAX_CACHED_PAGE else settings.PUBLIC_LIST_CACHE_SECONDS,
        "cache_alias": FREE_TEXT_CACHE if free_text else "default",
    }


class CachedCountPaginator(Paginator):
    """Counting 500,000 matching rows costs more than showing 20 of them; the count of a
    given query is cached briefly (a registry count a minute old is fine)."""

    count_timeout = 60

    def __init__(self, *args, generation: str = "", **kwargs):
        """`generation` (portal.lib.fragments) retires cached counts when the data changes."""
        super().__init__(*args, **kwargs)
        self.generation = generation

    @cached_property
    def _count_key(self) -> str:
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # a query Django knows matches nothing (`pk__in=[]`): counts 0
            sql, params = "", ()
        return "count:" + hashlib.sha256(f"{self.generation}|{sql}|{params}".encode()).hexdigest()

    @cached_property
    def count(self) -> int:
        return cache.get_or_set(self._count_key, lambda: self.object_list.count(), self.count_timeout)

    def get_page(self, number):
        """A first page that holds every match tells the count without counting: a narrow search
        nobody made before costs one query, not two."""
        if number != 1 or self.orphans or not self.allow_empty_first_page or "count" in self.__dict__:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)
            cache.set(self._count_key, self.count, self.count_timeout)
        # More than a page: counted as before (a window count over 100,000 matches costs several
        # times what COUNT(*) does), and the rows already read are the page.
        return self._get_page(rows[: self.per_page], 1, self)
