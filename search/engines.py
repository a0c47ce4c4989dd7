"""The search set-ups a test run can reach: the database alone, and each engine whose URL is set."""

from django.conf import settings

from core.env import env
from search.config import DATABASE_BACKEND, ENGINE_BACKENDS, search_backends

ENGINE_NAMES = {"ELASTICSEARCH_URL": "elasticsearch", "OPENSEARCH_URL": "opensearch"}
# Tests share a busy machine and the engines with each other, and refresh or rebuild indexes
# between searches: they allow longer than a visitor's half second (SEARCH_TIMEOUT). The visitor's
# limit is tested on a live site with its production timeout (test_outage.py).
TEST_TIMEOUT = 10


def configured_engines() -> dict[str, dict]:
    """WAGTAILSEARCH_BACKENDS for every real engine whose URL is set in the environment."""
    return {
        ENGINE_NAMES[variable]: search_backends(
            settings.SEARCH_INDEX_PREFIX,
            settings.LANGUAGES,
            engine=(backend, env(variable)),
            timeout=TEST_TIMEOUT,
        )
        for variable, backend in ENGINE_BACKENDS.items()
        if env(variable)
    }


def all_backends() -> dict[str, dict]:
    """The embedded database set-up plus every configured engine's."""
    return {
        "database": {"default": {"BACKEND": DATABASE_BACKEND}},
        **configured_engines(),
    }
