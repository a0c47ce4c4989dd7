"""`search_engine` tests run once per backend: the database, and every engine whose URL is set.

With REQUIRE_SEARCH_ENGINE=1 (as in CI), a missing engine or a skipped engine test fails the run.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.test import override_settings

from search.engines import ENGINE_NAMES, all_backends, configured_engines

REQUIRED = os.environ.get("REQUIRE_SEARCH_ENGINE") == "1"
_indexed: set[str] = set()


def pytest_generate_tests(metafunc):
    if "search_backend" in metafunc.fixturenames:
        metafunc.parametrize("search_backend", list(all_backends()), indirect=True)
    if "engine" in metafunc.fixturenames:
        engines = list(configured_engines())
        metafunc.parametrize("engine", engines or ["none"], indirect=True)


def pytest_collection_modifyitems(config, items):
    if not REQUIRED:
        return
    missing = [name for name in ENGINE_NAMES.values() if name not in all_backends()]
    if missing:
        raise pytest.UsageError(
            f"REQUIRE_SEARCH_ENGINE=1 but no URL is set for: {', '.join(missing)}. "
            "Start them with `make engines` and set ELASTICSEARCH_URL and OPENSEARCH_URL."
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRED and report.skipped and item.get_closest_marker("search_engine"):
        report.outcome = "failed"
        report.longrepr = (
            f"search_engine test skipped while REQUIRE_SEARCH_ENGINE=1: {report.longrepr}"
        )


def use_backends(name):
    """Make the named set-up the site's, with the demo content indexed in it (once a session)."""
    context = override_settings(WAGTAILSEARCH_BACKENDS=all_backends()[name])
    context.enable()
    if name not in _indexed:
        call_command("rebuild_search", stdout=io.StringIO())
        _indexed.add(name)
    return context


@pytest.fixture
def search_backend(request, db):
    """The named set-up's default backend (the engine itself, or the database)."""
    from wagtail.search.backends import get_search_backend

    context = use_backends(request.param)
    backend = get_search_backend("default")
    backend.engine_name = request.param
    yield backend
    context.disable()


@pytest.fixture
def engine(request, db):
    """A real engine's full set-up (one index per language); skipped when none is configured."""
    if request.param == "none":
        pytest.skip("no search engine configured (set ELASTICSEARCH_URL or OPENSEARCH_URL)")
    context = use_backends(request.param)
    yield request.param
    context.disable()


def refresh(backend=None):
    """Make recent index writes visible to searches (engines refresh on an interval)."""
    from wagtail.search.backends import get_search_backend

    backend = backend or get_search_backend("default")
    if hasattr(backend, "es"):
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")
