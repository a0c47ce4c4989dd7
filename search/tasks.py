"""Index updates as background tasks: an editor's publish never waits for the engine.

A publish, unpublish, move or delete queues `update_page_index` (search/signals.py); the worker
(`manage.py db_worker`) writes the page's current state to its engine indexes. While the engine is
unreachable the task queues itself again, waiting twice as long each time up to RETRY_MAX_DELAY,
so an update made during an outage is applied within about half a minute of the engine's return,
with no other write needed.

The task reads the page when it runs, not when it was queued: a page published then unpublished
during an outage ends up out of the index, whichever of its tasks runs last.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.models import Page

from search.index import engine_configured, update_page

logger = logging.getLogger(__name__)

# Seconds before the first retry, doubled each time up to the maximum.
RETRY_FIRST_DELAY = 2
RETRY_MAX_DELAY = 30
# A write from the worker may wait longer than a visitor's search (SEARCH_TIMEOUT): nobody waits
# on it, and giving up early only means another attempt.
INDEX_WRITE_TIMEOUT = 10


def retry_delay(attempt: int) -> int:
    return min(RETRY_FIRST_DELAY * 2**attempt, RETRY_MAX_DELAY)


def queue_page_update(page_id: int, model_label: str, language_code: str) -> None:
    """Queue a page's index update; applied by the worker, or at once with TASK_BACKEND=immediate."""
    if engine_configured():
        update_page_index.enqueue(page_id, model_label, language_code)


def _page_or_stand_in(page_id: int, model_label: str):
    """The page as it is now; a deleted page's stand-in (not live) carries its id and type."""
    page = Page.objects.filter(pk=page_id).specific().first()
    return page or apps.get_model(model_label)(pk=page_id, live=False)


def _write_timeouts():
    backends = {
        name: {**config, "TIMEOUT": INDEX_WRITE_TIMEOUT} if "URLS" in config else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


@task()
def update_page_index(page_id: int, model_label: str, language_code: str, attempt: int = 0):
    with _write_timeouts():
        applied = update_page(_page_or_stand_in(page_id, model_label), language_code)
    if applied:
        return "applied"
    # update_page has recorded it in PendingIndexUpdate, which `search_index_check` also applies.
    if not default_task_backend.supports_defer:
        return "pending"  # run inline (tests, TASK_BACKEND=immediate): nothing to wait in
    delay = retry_delay(attempt)
    logger.warning("Index update of page %s failed; retrying in %s s", page_id, delay)
    update_page_index.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        page_id, model_label, language_code, attempt + 1
    )
    return "retrying"
