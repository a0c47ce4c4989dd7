"""Wagtail's database search backend, per language on PostgreSQL.

`WAGTAILSEARCH_BACKENDS` names this module (search/config.py). Like Wagtail's own
`wagtail.search.backends.database`, it picks the implementation from the database vendor:

- PostgreSQL: Wagtail's backend, with each object indexed under its locale's text-search
  configuration and each search made in one language's (search/backends/postgres.py; the mapping
  is `TEXT_SEARCH_CONFIGS` in search/analysis.py).
- SQLite: Wagtail's FTS5 backend, rebuilt in bulk (search/backends/sqlite.py). Its `unicode61`
  tokenizer folds case and accents, the same for every language, and does not stem.
- Anything else: Wagtail's backend unchanged.

The accent-folding configurations (`metropolis_french` = unaccent, then French stemming, …) are
created by `migrate` on PostgreSQL, whenever one is missing, so a new language needs only its
mapping entry.
"""

import re

from django.db import DatabaseError, connection, connections
from wagtail.search.backends import database

from search.analysis import FALLBACK_TEXT_SEARCH_CONFIG, text_search_configs

IDENTIFIER = re.compile(r"^[a-z_]+$")


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from search.backends.postgres import LanguagePostgresSearchBackend

        return LanguagePostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from search.backends.sqlite import BulkRebuildSQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:  # not the plain fallback used without FTS5
            return BulkRebuildSQLiteSearchBackend(params)
    return backend


def dictionary_of(base: str) -> str:
    """The dictionary a built-in configuration maps words to: `simple`, or its Snowball stemmer."""
    return "simple" if base == FALLBACK_TEXT_SEARCH_CONFIG else f"{base}_stem"


def create_text_search_configurations(using: str = "default") -> list[str]:
    """Create any missing `metropolis_<language>` configuration (PostgreSQL only); idempotent.

    Each copies the built-in one and puts `unaccent` before its dictionary for words with
    non-ASCII letters, so "Bogotá" and "bogota" give the same lexeme. Returns the names created.
    """
    db = connections[using]
    if db.vendor != "postgresql":
        return []
    created = []
    with db.cursor() as cursor:
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError as error:
            raise DatabaseError(
                "The database search backend needs PostgreSQL's unaccent extension (in "
                "postgresql-contrib; a trusted extension, so the database owner can create it): "
                f"run `CREATE EXTENSION unaccent` in this database as a superuser. {error}"
            ) from error
        for name, base in text_search_configs().items():
            if not (IDENTIFIER.match(name) and IDENTIFIER.match(base)):
                raise ValueError(f"not a text-search configuration name: {name!r} / {base!r}")
            cursor.execute(
                "SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND pg_ts_config_is_visible(oid)",
                [name],
            )
            if cursor.fetchone():
                continue
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary_of(base)}"
            )
            created.append(name)
    return created


def on_post_migrate(sender, using="default", **kwargs):
    create_text_search_configurations(using)
