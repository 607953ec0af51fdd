"""Pagination for lists that can hold hundreds of thousands of rows."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property


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
