"""Keeping each language's engine index true to the live pages of that language.

With an engine configured, every content language has its own backend (named by its language code,
see cms/settings/search.py). Wagtail does not update those automatically: a page is written to its
own language's backend here, when it is published, unpublished, moved or deleted. When the engine
cannot be reached, the update is queued in PendingIndexUpdate and applied once it answers again.
"""

import logging

from django.apps import apps
from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def language_backend_names() -> list[str]:
    codes = {code for code, _name in settings.LANGUAGES}
    return [name for name in settings.WAGTAILSEARCH_BACKENDS if name in codes]


def engine_configured() -> bool:
    return bool(language_backend_names())


def language_backend(language_code: str):
    """The backend that searches one language, or None without an engine."""
    if language_code in settings.WAGTAILSEARCH_BACKENDS:
        return get_search_backend(language_code)
    return None


def database_backend():
    """The database backend: the only one without an engine, the fallback while it is away."""
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def engine_backends_for(language_code: str) -> list:
    """Every engine backend a page of this language is written to: its language's and the default."""
    backend = language_backend(language_code)
    if backend is None:
        return []
    return [backend, get_search_backend("default")]


def _write(page, language_code: str):
    """Add the live page to, or remove the page from, its engine indexes; raises if unreachable."""
    for backend in engine_backends_for(language_code):
        if page.live:
            backend.add(page)
        else:
            backend.delete(page)


def update_page(page, language_code: str | None = None) -> bool:
    """Bring one page's index entries up to date. Returns False if it had to be queued."""
    language_code = language_code or page.locale.language_code
    if not engine_configured():
        return True
    if page.live:
        page = page.specific
    try:
        flush_pending()
        _write(page, language_code)
    except Exception as error:  # noqa: BLE001 - any transport failure means: try again later
        logger.warning("Search engine unreachable, queueing page %s: %s", page.pk, error)
        PendingIndexUpdate.objects.update_or_create(
            page_id=page.pk,
            defaults={"model_label": page._meta.label, "language_code": language_code},
        )
        return False
    return True


def remove_page(page, language_code: str | None = None) -> bool:
    """Take a deleted page out of the indexes (a stand-in object carries its id and type)."""
    page.live = False
    return update_page(page, language_code)


def flush_pending() -> int:
    """Apply queued updates; stops at the first failure, leaving the rest queued."""
    applied = 0
    for pending in PendingIndexUpdate.objects.all():
        model = apps.get_model(pending.model_label)
        page = Page.objects.filter(pk=pending.page_id).specific().first()
        if page is None:
            page = model(pk=pending.page_id, live=False)
        _write(page, pending.language_code)
        pending.delete()
        applied += 1
    return applied


def page_querysets_for(language_code: str):
    """Each indexed page model's live pages of one language, as Wagtail indexes them."""
    from wagtail.search.index import get_indexed_models

    for model in get_indexed_models():
        if issubclass(model, Page):
            yield (
                model,
                model.get_indexed_objects().live().filter(locale__language_code=language_code),
            )


def indexed_page_ids(backend) -> set[int]:
    """The ids of every page document in an engine backend's page index."""
    index = backend.get_index_for_model(Page)
    index.refresh()  # include writes made in the last second
    client = backend.es
    ids: set[int] = set()
    after = None
    while True:
        body = {"size": 1000, "sort": [{"pk": "asc"}], "_source": False, "stored_fields": ["pk"]}
        if after:
            body["search_after"] = after
        if "opensearch" in type(client).__module__:
            response = client.search(index=index.name, body=body)
        else:
            response = client.search(index=index.name, **body)
        hits = response["hits"]["hits"]
        if not hits:
            return ids
        ids.update(int(hit["fields"]["pk"][0]) for hit in hits)
        after = hits[-1]["sort"]
