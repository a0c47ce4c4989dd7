"""Wagtail's Elasticsearch 8 and OpenSearch 3 backends, with a spelling-suggestion field and bulk
writes that overlap with building the next documents during a rebuild.

- **Suggestions.** Every indexed title also gets an unstemmed sub-field, `title.plain` (the
  engine's built-in `standard` analyzer: words, lower case, accents kept). The language analyzers
  index stems ("inond" for "inondations"), which are fine for matching but no use to show a
  visitor; the spelling suggester reads whole words from `title.plain` instead. `standard` is built
  into both engines, so the site-wide index, which has only the autocomplete analysis, accepts the
  mapping too.
- **Rebuilds.** Building a page's document is Python work (about 2 ms) and indexing it is the
  engine's; Wagtail does one after the other, chunk by chunk. Inside `background_bulk_writes()`
  each chunk's bulk request is sent from a background thread while the next chunk is read and
  built, so the two cores work at once. At most one request is in flight; a failed one raises on
  the next chunk, and the index refresh that ends a rebuild waits for the last one, so the new
  index is complete before it replaces the old. Outside that block (a page published, say),
  writes stay synchronous. A page's document is built once for both of the engine indexes it
  goes to.
- **Autocomplete** is analysed as the language is (search/analysis.py): Wagtail's edge-ngram
  fields get the language's query analyzer instead of `standard`, and a sub-field of stems,
  searched next to them. The site-wide index, which has no language, gets the same analyzers
  without elision or stemming (lower case and accent folding), from the backends' own settings.
"""

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
)
from modelsearch.index import SearchField, class_is_indexed
from modelsearch.query import MatchAll
from modelsearch.utils import deep_update

from search.analysis import (
    AUTOCOMPLETE_INDEX,
    AUTOCOMPLETE_QUERY,
    AUTOCOMPLETE_STEMMED,
    analysis_settings,
)

SUGGESTION_FIELD = "title.plain"


STEMMED = "stemmed"  # the autocomplete fields' stemmed sub-field


class LanguageMappingMixin:
    """Wagtail's mapping with the unstemmed `title.plain` and language-analysed autocomplete."""

    edgengram_analyzer_config = {
        "analyzer": AUTOCOMPLETE_INDEX,
        "search_analyzer": AUTOCOMPLETE_QUERY,
        "fields": {STEMMED: {"type": "text", "analyzer": AUTOCOMPLETE_STEMMED}},
    }

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and field.field_name == "title":
            mapping["fields"] = {"plain": {"type": "text", "analyzer": "standard"}}
        return name, mapping


class StemmedAutocompleteMixin:
    """Matches the query's plain n-grams or its stems' (each with every word required), so a word
    typed half-way and a whole word in another form ("énergies" for "énergie") both find it."""

    def get_inner_query(self):
        if not isinstance(self.query, MatchAll):
            names = self.remapped_fields or ["_edgengrams"]
            fields = [f"{name}{suffix}" for name in names for suffix in ("", f".{STEMMED}")]
            match = {"query": self.query.query_string, "fields": fields}
            if self.query.operator != "or":
                match["operator"] = self.query.operator
            return {"multi_match": match}
        return super().get_inner_query()


def with_autocomplete_analysis(settings: dict) -> dict:
    """A backend class's index settings with the site-wide autocomplete analyzers; a language's
    INDEX_SETTINGS replace them with its own (search/config.py)."""
    return deep_update(deepcopy(settings), {"settings": {"analysis": analysis_settings(None)}})


# Bulk writes in the background -------------------------------------------------------------------


class BulkPipeline:
    def __init__(self):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk")
        self.pending = None
        self.unrefreshed: set[str] = set()  # indexes being filled with periodic refreshes off

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
            if self.name not in pipeline.unrefreshed:
                # Nobody searches a fresh index before the rebuild swaps it in, so the engine
                # need not turn the writes into searchable segments every second meanwhile.
                self._set_bulk_loading(True)
                pipeline.unrefreshed.add(self.name)
            pipeline.submit(self.backend.bulk, self.es, actions, index=self.name)

    def refresh(self):
        pipeline = _pipeline.get()
        if pipeline is not None:
            pipeline.wait()  # every write lands before the index is refreshed (and swapped in)
            if self.name in pipeline.unrefreshed:
                self._set_bulk_loading(False)
                pipeline.unrefreshed.discard(self.name)
        super().refresh()

    def _set_bulk_loading(self, loading: bool):
        """While loading, no periodic refresh and no flush of the translog on each request; then
        the engine's defaults again (None resets a setting)."""
        settings = {"refresh_interval": "-1", "translog.durability": "async"}
        if not loading:
            settings = dict.fromkeys(settings)
        self.es.indices.put_settings(index=self.name, body={"index": settings})


# The backends ------------------------------------------------------------------------------------


class Elasticsearch8LanguageMapping(LanguageMappingMixin, Elasticsearch8Mapping):
    pass


class Elasticsearch8Autocomplete(StemmedAutocompleteMixin, Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = Elasticsearch8LanguageMapping


class Elasticsearch8BackgroundIndex(BackgroundBulkMixin, Elasticsearch8Index):
    pass


class Elasticsearch8Backend(Elasticsearch8SearchBackend):
    mapping_class = Elasticsearch8LanguageMapping
    index_class = Elasticsearch8BackgroundIndex
    autocomplete_query_compiler_class = Elasticsearch8Autocomplete
    settings = with_autocomplete_analysis(Elasticsearch8SearchBackend.settings)


class OpenSearch3LanguageMapping(LanguageMappingMixin, OpenSearch3Mapping):
    pass


class OpenSearch3Autocomplete(StemmedAutocompleteMixin, OpenSearch3AutocompleteQueryCompiler):
    mapping_class = OpenSearch3LanguageMapping


class OpenSearch3BackgroundIndex(BackgroundBulkMixin, OpenSearch3Index):
    pass


class OpenSearch3Backend(OpenSearch3SearchBackend):
    mapping_class = OpenSearch3LanguageMapping
    index_class = OpenSearch3BackgroundIndex
    autocomplete_query_compiler_class = OpenSearch3Autocomplete
    settings = with_autocomplete_analysis(OpenSearch3SearchBackend.settings)
