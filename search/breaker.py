"""A circuit breaker between visitors and the search engine.

A visitor's request waits at most SEARCH_TIMEOUT (0.5 s) for the engine. When a request fails or
times out, the breaker opens: for SEARCH_BREAKER_COOLDOWN seconds (30) no visitor request asks
the engine at all, and searches, autocomplete and spelling suggestions answer straight from the
database, with the "simpler search" notice. Then the next request tries the engine again.

The moment the breaker closes again is kept in the cache, which every worker process shares
(see CACHES in cms/settings/base.py), so one timeout spares every process the wait, not just the
one that saw it. Without the shared state a frozen engine ties up each worker in turn.

Index writes (search/tasks.py) and rebuilds do not go through the breaker: they run in the
background, retry on their own, and must not be skipped.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_KEY = "search:engine-breaker:open-until"


class EngineUnavailable(Exception):
    """The breaker is open: the engine failed a moment ago, so it is not asked now."""


def open_until() -> float:
    """The time (seconds since the epoch) until which the engine is not asked; 0 when closed."""
    try:
        return float(cache.get(CACHE_KEY) or 0)
    except Exception as error:  # noqa: BLE001 - an unreachable cache must not stop searches
        logger.warning("Search breaker state unreadable: %s", error)
        return 0.0


def is_open() -> bool:
    return open_until() > time.time()


def trip(error: Exception) -> None:
    """Open the breaker for the cool-down after an engine failure."""
    cooldown = settings.SEARCH_BREAKER_COOLDOWN
    logger.warning("Search engine failed, using the database for %s s: %s", cooldown, error)
    if cooldown <= 0:
        return
    try:
        cache.set(CACHE_KEY, time.time() + cooldown, timeout=cooldown)
    except Exception as cache_error:  # noqa: BLE001 - searches go on without the breaker
        logger.warning("Search breaker state unwritable: %s", cache_error)


def reset() -> None:
    """Close the breaker: the next request asks the engine."""
    cache.delete(CACHE_KEY)


def call(function, *args, **kwargs):
    """`function(*args, **kwargs)`, a visitor's request to the engine, unless the breaker is open
    (EngineUnavailable). Any failure opens the breaker and is raised again, for the caller to
    answer from the database."""
    if is_open():
        raise EngineUnavailable("the search engine is cooling down after a failure")
    try:
        return function(*args, **kwargs)
    except Exception as error:
        trip(error)
        raise


def state() -> dict:
    """The breaker as the readiness check reports it."""
    until = open_until()
    remaining = max(0.0, until - time.time())
    return {"state": "open" if remaining else "closed", "retry_in_seconds": round(remaining, 1)}
