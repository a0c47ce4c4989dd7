"""Keeping each language's engine index true to the live pages of that language.

With an engine configured, every content language has its own backend (named by its language code,
see search/config.py). Wagtail does not update those automatically: a page is written to its
own language's backend here, when it is published, unpublished, moved or deleted, by a background
task (search/tasks.py). When the engine cannot be reached, the update is recorded in
PendingIndexUpdate and the task tries again later; each successful write also applies what is
recorded.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.test.utils import override_settings
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from search.bounded import ranked_matches
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def language_backend_names() -> list[str]:
    codes = {code for code, _name in settings.LANGUAGES}
    return [name for name in settings.WAGTAILSEARCH_BACKENDS if name in codes]


def engine_configured() -> bool:
    return bool(language_backend_names())


# Backends by name and configuration, kept for the process's life (see `search_backend`).
_backends: dict[tuple[str, str], object] = {}


def search_backend(name: str):
    """The search backend `name`, made once per process for its configuration. Wagtail makes a new
    one on each call, and with it a new engine client, which opens a new connection for every
    search; the client is thread-safe and keeps its connections open."""
    key = (name, repr(settings.WAGTAILSEARCH_BACKENDS[name]))
    if key not in _backends:
        _backends[key] = get_search_backend(name)
    return _backends[key]


def language_backend(language_code: str):
    """The backend that searches one language, or None without an engine."""
    if language_code in settings.WAGTAILSEARCH_BACKENDS:
        return search_backend(language_code)
    return None


def database_backend(language_code: str | None = None):
    """The database backend: the only one without an engine, the fallback while it is away.

    With a language, it searches in that language's text-search configuration on PostgreSQL
    (search/backends/postgres.py); SQLite's FTS5 analyses every language alike.
    """
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    found = search_backend(name)
    if language_code and hasattr(found, "for_language"):
        found = found.for_language(language_code)
    return found


def ranked_ids(backend, terms: str, queryset, limit: int) -> list[int]:
    """The ids of up to `limit` pages of `queryset` matching every term, best first (on the
    database, those it ranks within its time budget: search/bounded.py)."""
    if not hasattr(backend, "es"):
        return ranked_matches(backend, terms, queryset, limit).ids
    return [hit["pk"] for hit in ranked_hits(backend, terms, queryset, limit)]


def ranked_hits(backend, terms: str, queryset, limit: int, columns=()) -> list[dict]:
    """An engine's up to `limit` hits of `queryset` matching every term, best first, each with its
    `pk` and the values of the filter-field `columns` asked for (see `filter_columns`), in one
    request. Values are lists, as the engine returns them; a hit without a value lacks the key.

    Wagtail's own results page through anything beyond 100 hits with the scroll API, a request, a
    database query and an engine-side scroll context per 100 hits, which made broad queries the
    slowest part of a search.
    """
    results = backend.search(terms, queryset, operator="and")
    params = {
        "index": backend.get_index_for_model(queryset.model).name,
        "size": limit,
        "_source": False,
        # Values from doc values: reading stored fields costs a disk lookup per hit.
        "stored_fields": "_none_",
        "docvalue_fields": ["pk", *columns],
        # Only the values: parsing each hit's index name, id and score took longer than the search.
        "filter_path": ["hits.hits.fields"],
    }
    response = engine_search(backend, engine_query(results), **params)
    hits = []
    for hit in response.get("hits", {}).get("hits", []):  # filter_path drops empty lists
        values = dict(hit["fields"])
        values["pk"] = int(values["pk"][0])
        hits.append(values)
    return hits


def engine_query(results) -> dict:
    """The request body Wagtail built for `results`, a backend's lazy search: what to match and,
    for an ordered queryset, the sort. Wagtail's results build theirs the same way in a private
    method (`_get_es_body`); its query compiler's methods are public, and a test checks that the
    two still agree (search/tests/test_engine_api.py)."""
    compiler = results.query_compiler
    body = {"query": compiler.get_query()}
    sort = compiler.get_sort()
    if sort is not None:
        body["sort"] = sort
    return body


def engine_search(backend, body: dict, **params) -> dict:
    """The engine's response to one search request sent through its client. Elasticsearch's
    client takes the body's keys as arguments (since 7.15); OpenSearch's still takes `body`, as
    the backend's `use_new_elasticsearch_api` says."""
    if backend.use_new_elasticsearch_api:
        return backend.es.search(**body, **params)
    return backend.es.search(body=body, **params)


def filter_columns(backend, model, names) -> dict[str, str]:
    """The engine's column for each of `model`'s filter fields named in `names`. Wagtail prefixes
    the fields a page type adds with the type's name, so they differ between page types."""
    from wagtail.search.index import FilterField

    mapping = backend.mapping_class(model)
    return {
        field.field_name: mapping.get_field_column_name(field)
        for field in model.get_search_fields()
        if isinstance(field, FilterField) and field.field_name in names
    }


def engine_backends_for(language_code: str) -> list:
    """Every engine backend a page of this language is written to: its language's and the default."""
    language = language_backend(language_code)
    if language is None:
        return []
    return [language, search_backend("default")]


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


def _engine_search(backend, index_name: str, body: dict) -> dict:
    """One search request, in the call style of the backend's client."""
    client = backend.es
    if "opensearch" in type(client).__module__:
        return client.search(index=index_name, body=body)
    return client.search(index=index_name, **body)


def indexed_page_ids(backend) -> set[int]:
    """The ids of every page document in an engine backend's page index."""
    index = backend.get_index_for_model(Page)
    index.refresh()  # include writes made in the last second
    ids: set[int] = set()
    after = None
    while True:
        body = {"size": 1000, "sort": [{"pk": "asc"}], "_source": False, "stored_fields": ["pk"]}
        if after:
            body["search_after"] = after
        hits = _engine_search(backend, index.name, body)["hits"]["hits"]
        if not hits:
            return ids
        ids.update(int(hit["fields"]["pk"][0]) for hit in hits)
        after = hits[-1]["sort"]


def spelling_suggestion(backend, terms: str) -> str:
    """The engine's correction of `terms`, word by word, from the words of the index's titles
    (search/backends/engines.py); empty when no word needs one."""
    from search.backends.engines import SUGGESTION_FIELD

    suggester = {"field": SUGGESTION_FIELD, "suggest_mode": "missing", "sort": "score"}
    body = {"size": 0, "suggest": {"text": terms, "spelling": {"term": suggester}}}
    response = _engine_search(backend, backend.get_index_for_model(Page).name, body)
    corrected = terms
    # From the last word back, so the offsets of the earlier ones still hold.
    for entry in reversed(response["suggest"]["spelling"]):
        if entry["options"]:
            start, end = entry["offset"], entry["offset"] + entry["length"]
            corrected = corrected[:start] + entry["options"][0]["text"] + corrected[end:]
    return corrected if corrected != terms else ""


# Full rebuilds ----------------------------------------------------------------------------------

REBUILD_CHUNK = 500
# A visitor's search gives up after SEARCH_TIMEOUT seconds; a rebuild waits longer, because
# refreshing or swapping in a fresh index of tens of thousands of pages can take that on a busy
# server, and giving up half-way would leave the old index in place for nothing.
REBUILD_TIMEOUT = 120


@contextmanager
def rebuilding():
    """How a rebuild talks to the engines: with the rebuild's timeout instead of a visitor's, and
    with bulk writes sent in the background while the next documents are built
    (search/backends/engines.py)."""
    from search.backends.engines import background_bulk_writes

    backends = {
        name: {**config, "TIMEOUT": REBUILD_TIMEOUT} if "URLS" in config else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), background_bulk_writes():
        yield


@dataclass
class RebuiltIndex:
    """One index being rebuilt: which backend it belongs to, and which objects it takes."""

    label: str  # "site-wide", "database fallback" or a language code
    rebuilder: object
    index: object = None
    models: list = field(default_factory=list)
    accepts: Callable[[object], bool] = lambda obj: True
    documents: int = 0


def _indexes_to_rebuild() -> list[RebuiltIndex]:
    from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
    from wagtail.search.index import get_indexed_models

    rebuilt = []
    # The site-wide backend and the database fallback hold every indexed model, as Wagtail's
    # update_index rebuilds them.
    labels = {"default": "site-wide" if engine_configured() else "database"}
    labels["database"] = "database fallback"
    for name, label in labels.items():
        if name in settings.WAGTAILSEARCH_BACKENDS:
            backend = get_search_backend(name)
            for index, models in group_models_by_index(backend, get_indexed_models()).items():
                rebuilt.append(RebuiltIndex(label, backend.rebuilder_class(index), models=models))
    # Each language's index holds that language's live pages.
    page_models = [model for model in get_indexed_models() if issubclass(model, Page)]
    for code in language_backend_names():
        backend = language_backend(code)
        index = backend.get_index_for_model(Page)
        locale_ids = set(Locale.objects.filter(language_code=code).values_list("pk", flat=True))
        rebuilt.append(
            RebuiltIndex(
                code,
                backend.rebuilder_class(index),
                models=page_models,
                accepts=lambda page, locale_ids=locale_ids: (
                    page.live and page.locale_id in locale_ids
                ),
            )
        )
    return rebuilt


def rebuild_all(progress=None) -> list[RebuiltIndex]:
    """Rebuild every search index in one pass over the indexed objects: each chunk is read once
    and written to every index that holds it (the site-wide one, the database fallback and its
    language's), so a page's rows, related objects and rich text are loaded and turned into text
    once, not once per index; the two engine indexes even share the document built
    (search/backends/engines.py). Each index is built fresh and replaces the old one only when
    complete (Wagtail's rebuilders). `progress(done, total)` is called after each chunk."""
    with rebuilding():
        rebuilt = _indexes_to_rebuild()
        for item in rebuilt:
            item.index = item.rebuilder.start()
            for model in item.models:
                item.index.add_model(model)
        models = list(dict.fromkeys(model for item in rebuilt for model in item.models))
        total = sum(model.get_indexed_objects().count() for model in models)
        done = 0
        for model in models:
            holders = [item for item in rebuilt if model in item.models]
            for chunk in _chunks(model.get_indexed_objects()):
                for item in holders:
                    objects = [obj for obj in chunk if item.accepts(obj)]
                    if objects:
                        item.index.add_items(model, objects)
                        item.documents += len(objects)
                done += len(chunk)
                if progress:
                    progress(done, total)
        for item in rebuilt:
            item.rebuilder.finish()
    return rebuilt


def _chunks(queryset):
    """Keyset pagination: each chunk is as cheap as the first, however large the table."""
    last_pk = None
    while True:
        page = queryset.order_by("pk")
        if last_pk is not None:
            page = page.filter(pk__gt=last_pk)
        chunk = list(page[:REBUILD_CHUNK])
        if not chunk:
            return
        yield chunk
        last_pk = chunk[-1].pk
