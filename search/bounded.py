"""The database's search, bounded: it answers within its time budget, however broad the query.

The database backend answers every search when no engine is configured, and while the engine is
away. Wagtail's database backends rank by computing each matching page's score in a subquery run
once per page: at 50,000 case studies, a broad query took minutes and held a worker all that
time. Here the ranking is asked for at most `limit` ids, in one statement
(`ranked_ids` of search/backends/sqlite.py on SQLite, Wagtail's results elsewhere), and every
statement runs under a time limit (`SEARCH_DATABASE_BUDGET`, in seconds). When the ranking runs
out of its three quarters of it, a simpler statement lists matches without ranking them (the first
it finds), under what is left. Either way, the result says whether it is `partial`: more pages match
than it lists, or some could not be looked at in time. The search page says so to the visitor.
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction

from core.env import env_float

logger = logging.getLogger(__name__)

# The part of a search's budget the ranking may take; the rest lists matches unranked if needed.
RANKING_SHARE = 0.75


def budget() -> float:
    """Seconds of database time a search may take (ranking, then the simpler listing)."""
    return env_float("SEARCH_DATABASE_BUDGET", 0.8)


@dataclass(frozen=True)
class Matches:
    ids: list[int] = field(default_factory=list)
    partial: bool = False  # more pages match than `ids` lists, or the budget ran out


class OutOfTime(Exception):
    """A statement was stopped at its time limit."""


@contextmanager
def time_limit(seconds: float):
    """Stops any statement of the default database still running after `seconds`, raising
    OutOfTime; with no time left, no statement starts. SQLite: a progress handler, asked every
    thousand virtual-machine steps (FTS5's own work counts for few), interrupts the statement.
    PostgreSQL: `statement_timeout`, set locally inside a savepoint and put back afterwards, so
    that an enclosing transaction keeps its own (rolling the savepoint back undoes it too)."""
    if seconds <= 0:
        raise OutOfTime
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = time.monotonic() + seconds
        raw = connection.connection
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
        try:
            yield
        except OperationalError as error:
            if time.monotonic() > deadline:
                raise OutOfTime from error
            raise
        finally:
            raw.set_progress_handler(None, 0)
    elif connection.vendor == "postgresql":
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT current_setting('statement_timeout'), "
                        "set_config('statement_timeout', %s, true)",
                        [str(max(int(seconds * 1000), 1))],
                    )
                    (before, _limit) = cursor.fetchone()
                yield
                # A released savepoint keeps a local setting until the outer transaction ends.
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise OutOfTime from error
            raise
    else:
        yield


def ranked_matches(backend, terms: str, queryset, limit: int, seconds=None) -> Matches:
    """Up to `limit` ids of `queryset`'s pages matching every term, best first, within
    `seconds` (by default the whole budget)."""
    start = time.monotonic()
    total = budget() if seconds is None else seconds
    try:
        # A quarter is kept for the unranked listing, which stops at its first matches.
        with time_limit(total * RANKING_SHARE):
            ids = _ranked_ids(backend, terms, queryset, limit + 1)
        return Matches(ids[:limit], partial=len(ids) > limit)
    except OutOfTime:
        logger.warning("Database search ran out of time ranking %r; listing unranked", terms)
    left = total - (time.monotonic() - start)
    if left <= 0:
        return Matches(partial=True)
    try:
        with time_limit(left):
            return Matches(_unranked_ids(backend, terms, queryset, limit), partial=True)
    except OutOfTime:
        logger.warning("Database search ran out of time listing %r", terms)
        return Matches(partial=True)


def _ranked_ids(backend, terms, queryset, limit) -> list[int]:
    if hasattr(backend, "ranked_ids"):
        return backend.ranked_ids(terms, queryset, limit)
    return [page.pk for page in backend.search(terms, queryset, operator="and")[:limit]]


def _unranked_ids(backend, terms, queryset, limit) -> list[int]:
    if hasattr(backend, "matching_ids"):
        return backend.matching_ids(terms, queryset, limit)
    results = backend.search(terms, queryset, operator="and", order_by_relevance=False)
    return [page.pk for page in results[:limit]]


def bounded_autocomplete(backend, terms: str, queryset, limit: int) -> list:
    """Up to `limit` pages whose titles start like the terms, or none if the budget runs out."""
    try:
        with time_limit(budget()):
            return list(backend.autocomplete(terms, queryset, operator="and")[:limit])
    except OutOfTime:
        logger.warning("Database autocomplete ran out of time for %r", terms)
        return []
