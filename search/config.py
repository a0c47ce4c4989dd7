"""Choose the search backends from the environment.

- No engine configured: Wagtail's database backend is the only one (`default`): no server needed.
- `ELASTICSEARCH_URL` (Elasticsearch 8) or `OPENSEARCH_URL` (OpenSearch 3): `default` is the engine,
  used by the admin; each content language gets its own backend, named by its language code, with
  an index prefix and analysis of its own (see search/analysis.py and docs/search.md); and
  `database` stays up to date as the fallback while the engine is unreachable.
"""

from core.env import env, env_float
from search.analysis import index_settings

# Wagtail's engine backends, with a spelling-suggestion field added (search/backends/engines.py).
ENGINE_BACKENDS = {
    "ELASTICSEARCH_URL": "search.backends.engines.Elasticsearch8Backend",
    "OPENSEARCH_URL": "search.backends.engines.OpenSearch3Backend",
}
# Wagtail's database backend, per language on PostgreSQL (search/backends/database.py).
DATABASE_BACKEND = "search.backends.database"


def engine_url() -> tuple[str, str] | None:
    for variable, backend in ENGINE_BACKENDS.items():
        if env(variable):
            return backend, env(variable)
    return None


def search_backends(
    index_prefix: str, languages: list[tuple[str, str]], engine=None, timeout=None
) -> dict:
    """`engine` is a (backend class path, URL) pair; by default the one the environment names.
    `timeout` (seconds), by default SEARCH_TIMEOUT's."""
    database = {"BACKEND": DATABASE_BACKEND}
    engine = engine or engine_url()
    if engine is None:
        return {"default": database}
    backend, url = engine
    # A visitor waits at most this long for the engine before the database answers instead
    # (search/breaker.py); index writes and rebuilds allow longer (search/tasks.py, index.py).
    # Half a second is ten times the engine's p95 at 50,000 case studies (docs/benchmarks.md),
    # and leaves the database the rest of a visitor's two-second budget when the engine stalls.
    timeout = timeout or env_float("SEARCH_TIMEOUT", 0.5)
    backends = {
        "default": engine_backend(backend, url, index_prefix, timeout),
        "database": database,
    }
    for code, _name in languages:
        backends[code] = engine_backend(
            backend, url, f"{index_prefix}{code}_", timeout, language=code, auto_update=False
        )
    return backends


def engine_backend(backend, url, index_prefix, timeout, language=None, auto_update=True) -> dict:
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "AUTO_UPDATE": auto_update,
        "ATOMIC_REBUILD": True,
        "OPTIONS": {},
        "INDEX_SETTINGS": index_settings(language) if language else {},
    }
