"""The search engines a test run or a command can reach, named, with their Wagtail settings."""

from django.conf import settings

from cms.settings.env import env

ENGINE_BACKENDS = {
    "elasticsearch": ("ELASTICSEARCH_URL", "wagtail.search.backends.elasticsearch8"),
    "opensearch": ("OPENSEARCH_URL", "wagtail.search.backends.opensearch3"),
}


def configured_engines() -> dict[str, dict]:
    """Backend settings for every real engine whose URL is set in the environment."""
    engines = {}
    for name, (variable, backend) in ENGINE_BACKENDS.items():
        url = env(variable)
        if url:
            engines[name] = {
                "BACKEND": backend,
                "URLS": [url],
                "INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
                "TIMEOUT": 30,
                "OPTIONS": {},
                "INDEX_SETTINGS": {},
            }
    return engines


def all_backends() -> dict[str, dict]:
    """The embedded database backend plus every configured engine."""
    return {"database": {"BACKEND": "wagtail.search.backends.database"}, **configured_engines()}
