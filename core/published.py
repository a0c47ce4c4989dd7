"""What every public page shares, computed once per change to the published site, not per request.

Menus, the private sections every listing excludes, the home page's figures: each is read on
every request, and each changes only when an editor publishes, unpublishes, moves or deletes a
page, restricts a section, or changes a locale or a site. So they are kept in the cache under the
site's *generation*, a counter that any such change moves on (`changed`, connected in
core/apps.py). Entries of an older generation are never read again and expire on their own.

The counter lives in the shared cache (Redis, or the file cache; see CACHES), so one editor's
publish is seen by every worker process at once. Writes that bypass the ORM's signals (the
benchmark's bulk generator, raw SQL) call `changed()` themselves.
"""

import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

GENERATION_KEY = "published:generation"
# The models whose saves and deletions start a new generation; apps add theirs with `watch`.
WATCHED: list[type] = []
# Long enough to matter, short enough that a forgotten generation's entries do not pile up.
TIMEOUT = 60 * 60 * 24
T = TypeVar("T")
_MISSING = object()


# The generation as this request first read it (a request reads it once, not once per value),
# set for the time of a request by `start_request` and `end_request` (connected in core/apps.py).
_request_generation: ContextVar[dict | None] = ContextVar("published_generation", default=None)
# Values this process has read, by their key (which names the generation, so they never go
# stale): the cache's copy is read and unpickled once per process, not on every request. At most
# LOCAL_ENTRIES, the oldest dropped first; the values are shared, so callers must not change them.
LOCAL_ENTRIES = 2000
_local: dict[str, object] = {}


def start_request(**_signal_kwargs) -> None:
    _request_generation.set({})


def end_request(**_signal_kwargs) -> None:
    _request_generation.set(None)


def generation() -> int:
    """The current generation. Started from the clock, so that a cache that lost the counter
    (evicted, flushed) never meets entries written under an earlier one."""
    memo = _request_generation.get()
    if memo and "value" in memo:
        return memo["value"]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if memo is not None:
        memo["value"] = value
    return value


def changed(**_signal_kwargs) -> None:
    """Moves the site on to a new generation: everything cached for the previous one is stale."""
    memo = _request_generation.get()
    if memo:
        memo.clear()  # a request that publishes reads the new generation afterwards
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet: the next read starts one
        pass


def watch(*models) -> None:
    """Also start a new generation when one of these models is saved or deleted."""
    WATCHED.extend(models)


def cached(name: str, compute: Callable[[], T], *parts) -> T:
    """`compute()`'s value for this generation, computed once and then read from the cache.
    `parts` name what the value depends on besides the published site (a language, a site)."""
    described = ":".join(str(part) for part in parts)
    if len(described) > 100:  # a long choice of filters: cache keys stay short and plain
        described = hashlib.sha256(described.encode()).hexdigest()
    key = f"published:{generation()}:{name}:{described}"
    value = _local.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT)
    if len(_local) >= LOCAL_ENTRIES:
        _local.pop(next(iter(_local), None), None)
    _local[key] = value
    return value


class CachedContent:
    """A page type whose template's content depends on the published site alone, never on the
    request (no query string, no form): base.html keeps it rendered for the generation with
    `{% publishedcache %}` (core/templatetags/published_tags.py)."""

    cache_rendered_content = True
