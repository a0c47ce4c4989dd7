"""Choose the search backend from the environment.

`ELASTICSEARCH_URL` selects Elasticsearch 8, `OPENSEARCH_URL` selects OpenSearch 3; with neither,
Wagtail's database backend is the embedded default, so no server is needed to run the site.
"""

from .env import env, env_int


def search_backends(index_prefix: str) -> dict:
    elasticsearch_url = env("ELASTICSEARCH_URL")
    opensearch_url = env("OPENSEARCH_URL")
    timeout = env_int("SEARCH_TIMEOUT", 5)
    if elasticsearch_url:
        return {"default": _engine("elasticsearch8", elasticsearch_url, index_prefix, timeout)}
    if opensearch_url:
        return {"default": _engine("opensearch3", opensearch_url, index_prefix, timeout)}
    return {"default": {"BACKEND": "wagtail.search.backends.database"}}


def _engine(module: str, url: str, index_prefix: str, timeout: int) -> dict:
    return {
        "BACKEND": f"wagtail.search.backends.{module}",
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
