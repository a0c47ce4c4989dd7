"""Wagtail's PostgreSQL search backend with one text-search configuration per language.

Wagtail's backend keeps one `IndexEntry` row per object, whose tsvectors are built with the single
`SEARCH_CONFIG` (`ObjectIndexer.as_vector` → `to_tsvector(config, text)`), and it queries with the
same one (`get_config` → `to_tsquery(config, …)`). Here:

- Index time: each object is indexed with its locale's configuration (objects without a locale,
  such as images, with the fallback one): `add_items` hands each language's objects to Wagtail's
  own code with that language's configuration.
- Query time: `backend.for_language(code)` searches with that language's configuration, so a
  French search stems "inondations" as French text was stemmed. Without a language (the admin,
  which searches every locale), the query is made in every configuration, OR-ed, so each object
  is matched through the configuration it was indexed with.
- Autocomplete keeps Wagtail's unstemmed prefix matching, with accents folded.
"""

import operator
from collections import defaultdict
from copy import copy
from functools import reduce

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.analysis import text_search_config, text_search_configs


class _WithConfig:
    """The backend as Wagtail's ObjectIndexer reads it (`config`), with one language's config."""

    def __init__(self, backend, config):
        self._backend = backend
        self.config = config

    def __getattr__(self, name):
        return getattr(self._backend, name)


class LanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = defaultdict(list)
        objs = list(objs)
        for obj, config in zip(objs, configs_for(objs), strict=True):
            by_config[config].append(obj)
        for config, group in by_config.items():
            PostgresIndex(_WithConfig(self.backend, config)).add_items(model, group)


def configs_for(objs) -> list[str]:
    """Each object's text-search configuration, from its locale (one query for all of them)."""
    locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
    languages = (
        dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        if locale_ids
        else {}
    )
    return [text_search_config(languages.get(getattr(obj, "locale_id", None))) for obj in objs]


class LanguageSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        if config is not None:
            return super().build_tsquery(query, config=config)
        queries = []
        for name in text_search_configs():
            queries.append(super().build_tsquery(query, config=name))
        if any(tsquery is None for tsquery in queries):
            return None
        return reduce(operator.or_, queries)


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageSearchQueryCompiler
    index_class = LanguagePostgresIndex

    def __init__(self, params):
        if params.get("SEARCH_CONFIG"):
            raise ImproperlyConfigured(
                "SEARCH_CONFIG is not used by search.backends.database: the text-search "
                "configuration of each language is set in search/analysis.py (TEXT_SEARCH_CONFIGS)."
            )
        super().__init__(params)
        self.language = None
        self.config = None  # no language: every language's configuration (see the compiler)
        self.autocomplete_config = text_search_config(None)  # no stemming, accents folded

    def for_language(self, language_code: str):
        """This backend, searching in one language's text-search configuration."""
        backend = copy(self)
        backend.language = language_code
        backend.config = text_search_config(language_code)
        return backend
