"""Pagination for lists that can hold hundreds of thousands of rows."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject, cached_property

from portal.lib.fragments import generation


def cached_list_page(request, queryset, per_page: int, *, name: str) -> dict:
    """Template context for a public list whose HTML is cached in a `{% cache %}` block keyed by
    `generation`: the page is built lazily, so on a cached fragment neither the count nor the
    rows are fetched, and a change to the data (portal.lib.fragments) starts afresh."""
    fragment = generation(name)
    return {
        "page": SimpleLazyObject(
            lambda: CachedCountPaginator(queryset, per_page, generation=fragment).get_page(
                request.GET.get("page")
            )
        ),
        "generation": fragment,
        "cache_seconds": settings.PUBLIC_LIST_CACHE_SECONDS,
    }


class CachedCountPaginator(Paginator):
    """Counting 500,000 matching rows costs more than showing 20 of them; the count of a
    given query is cached briefly (a registry count a minute old is fine)."""

    count_timeout = 60

    def __init__(self, *args, generation: int = 0, **kwargs):
        """`generation` (portal.lib.fragments) retires cached counts when the data changes."""
        super().__init__(*args, **kwargs)
        self.generation = generation

    @cached_property
    def count(self) -> int:
        sql, params = self.object_list.query.sql_with_params()
        key = "count:" + hashlib.sha256(f"{self.generation}|{sql}|{params}".encode()).hexdigest()
        return cache.get_or_set(key, lambda: self.object_list.count(), self.count_timeout)
