"""Wagtail's Elasticsearch 8 and OpenSearch 3 backends, with a spelling-suggestion field and bulk
writes that overlap with building the next documents during a rebuild.

- **Suggestions.** Every indexed title also gets an unstemmed sub-field, `title.plain` (the
  engine's built-in `standard` analyzer: words, lower case, accents kept). The language analyzers
  index stems ("inond" for "inondations"), which are fine for matching but no use to show a
  visitor; the spelling suggester reads whole words from `title.plain` instead. `standard` is built
  into both engines, so the site-wide index, which has no analysis settings of its own, accepts the
  mapping too.
- **Rebuilds.** Building a page's document is Python work (about 2 ms) and indexing it is the
  engine's; Wagtail does one after the other, chunk by chunk. Inside `background_bulk_writes()`
  each chunk's bulk request is sent from a background thread while the next chunk is read and
  built, so the two cores work at once. At most one request is in flight; a failed one raises on
  the next chunk, and the index refresh that ends a rebuild waits for the last one, so the new
  index is complete before it replaces the old. Outside that block (a page published, say),
  writes stay synchronous. A page's document is built once for both of the engine indexes it
  goes to.
"""

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
)
from modelsearch.index import SearchField, class_is_indexed

SUGGESTION_FIELD = "title.plain"


class PlainTitleMixin:
    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and field.field_name == "title":
            mapping["fields"] = {"plain": {"type": "text", "analyzer": "standard"}}
        return name, mapping


# Bulk writes in the background -------------------------------------------------------------------


class BulkPipeline:
    def __init__(self):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk")
        self.pending = None

    def submit(self, function, *args, **kwargs):
        self.wait()
        self.pending = self.executor.submit(function, *args, **kwargs)

    def wait(self):
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()  # raises the request's error, if it failed

    def close(self):
        try:
            self.wait()
        finally:
            self.executor.shutdown()


_pipeline: ContextVar[BulkPipeline | None] = ContextVar("search_bulk_pipeline", default=None)


@contextmanager
def background_bulk_writes():
    pipeline = BulkPipeline()
    token = _pipeline.set(pipeline)
    try:
        yield
    finally:
        _pipeline.reset(token)
        pipeline.close()


def _document(mapping, item) -> dict:
    """The item's document, built once per rebuild: a page goes to the site-wide index and to its
    language's index, and the two documents are the same (same mapping, same model); only the
    indexes' analysis differs. The memo lives on the object, which the rebuild drops after its
    chunk."""
    memo = item.__dict__.setdefault("_search_documents", {})
    key = (type(mapping), mapping.model)
    if key not in memo:
        memo[key] = mapping.get_document(item)
    return memo[key]


class BackgroundBulkMixin:
    def add_items(self, model, items):
        pipeline = _pipeline.get()
        if pipeline is None or not class_is_indexed(model):
            return super().add_items(model, items)
        mapping = self.mapping_class(model)
        actions = [
            {"_id": mapping.get_document_id(item), **_document(mapping, item)} for item in items
        ]
        if actions:
            pipeline.submit(self.backend.bulk, self.es, actions, index=self.name)

    def refresh(self):
        pipeline = _pipeline.get()
        if pipeline is not None:
            pipeline.wait()  # every write lands before the index is refreshed (and swapped in)
        super().refresh()


# The backends ------------------------------------------------------------------------------------


class Elasticsearch8WithSuggestionsMapping(PlainTitleMixin, Elasticsearch8Mapping):
    pass


class Elasticsearch8BackgroundIndex(BackgroundBulkMixin, Elasticsearch8Index):
    pass


class Elasticsearch8Backend(Elasticsearch8SearchBackend):
    mapping_class = Elasticsearch8WithSuggestionsMapping
    index_class = Elasticsearch8BackgroundIndex


class OpenSearch3WithSuggestionsMapping(PlainTitleMixin, OpenSearch3Mapping):
    pass


class OpenSearch3BackgroundIndex(BackgroundBulkMixin, OpenSearch3Index):
    pass


class OpenSearch3Backend(OpenSearch3SearchBackend):
    mapping_class = OpenSearch3WithSuggestionsMapping
    index_class = OpenSearch3BackgroundIndex
