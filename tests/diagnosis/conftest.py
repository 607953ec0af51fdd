import pytest
from django.core.cache import cache

from diagnosis import services


@pytest.fixture
def in_worker(settings):
    """Results are counted by the worker, as where one runs: the request marks, nothing queued
    runs inline, and no catch-up was asked for lately."""
    settings.TASKS_INLINE = False
    settings.STATISTICS_IN_WORKER = True
    cache.delete(services.CATCH_UP_QUEUED)
