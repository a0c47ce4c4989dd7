"""`search_engine` tests run once per backend: the database, and every engine whose URL is set.

With REQUIRE_SEARCH_ENGINE=1 (as in CI), a missing engine or a skipped engine test fails the run.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.test import override_settings

from search.engines import ENGINE_BACKENDS, all_backends

REQUIRED = os.environ.get("REQUIRE_SEARCH_ENGINE") == "1"
_indexed: set[str] = set()


def pytest_generate_tests(metafunc):
    if "search_backend" in metafunc.fixturenames:
        metafunc.parametrize("search_backend", list(all_backends()), indirect=True)


def pytest_collection_modifyitems(config, items):
    if not REQUIRED:
        return
    missing = [name for name in ENGINE_BACKENDS if name not in all_backends()]
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


@pytest.fixture
def search_backend(request, db):
    """The named backend as Wagtail's default, with the demo content indexed in it."""
    from wagtail.search.backends import get_search_backend

    name = request.param
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": all_backends()[name]}):
        if name not in _indexed:
            call_command("update_index", stdout=io.StringIO())
            _indexed.add(name)
        backend = get_search_backend("default")
        backend.engine_name = name
        yield backend


def refresh(backend):
    """Make recent index writes visible to searches (engines refresh on an interval)."""
    if hasattr(backend, "es"):
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")
