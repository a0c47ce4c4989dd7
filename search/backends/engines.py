"""Wagtail's Elasticsearch 8 and OpenSearch 3 backends, with a spelling-suggestion field.

Every indexed title also gets an unstemmed sub-field, `title.plain` (the engine's built-in
`standard` analyzer: words, lower case, accents kept). The language analyzers index stems
("inond" for "inondations"), which are fine for matching but no use to show a visitor; the
spelling suggester reads whole words from `title.plain` instead. `standard` is built into both
engines, so the site-wide index, which has no analysis settings of its own, accepts the mapping too.
"""

from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3Mapping, OpenSearch3SearchBackend
from modelsearch.index import SearchField

SUGGESTION_FIELD = "title.plain"


class PlainTitleMixin:
    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and field.field_name == "title":
            mapping["fields"] = {"plain": {"type": "text", "analyzer": "standard"}}
        return name, mapping


class Elasticsearch8WithSuggestionsMapping(PlainTitleMixin, Elasticsearch8Mapping):
    pass


class OpenSearch3WithSuggestionsMapping(PlainTitleMixin, OpenSearch3Mapping):
    pass


class Elasticsearch8Backend(Elasticsearch8SearchBackend):
    mapping_class = Elasticsearch8WithSuggestionsMapping


class OpenSearch3Backend(OpenSearch3SearchBackend):
    mapping_class = OpenSearch3WithSuggestionsMapping
