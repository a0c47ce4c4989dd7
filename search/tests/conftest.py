"""`search_engine` tests run once per backend: the database, and every engine whose URL is set.

With REQUIRE_SEARCH_ENGINE=1 (as in CI), a missing engine or a skipped engine test fails the run.
`postgres` tests need the database to be PostgreSQL (DATABASE_URL=postgres://…, `make
test-postgres`); with REQUIRE_POSTGRES=1 (as in CI) another database or a skipped one fails the run.
"""

import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from search.engines import ENGINE_NAMES, all_backends, configured_engines

REQUIRED = os.environ.get("REQUIRE_SEARCH_ENGINE") == "1"
POSTGRES_REQUIRED = os.environ.get("REQUIRE_POSTGRES") == "1"
POSTGRES_ENGINE = "django.db.backends.postgresql"
DATABASE_MARKERS = {"postgres": POSTGRES_ENGINE, "sqlite": "django.db.backends.sqlite3"}
_indexed: set[str] = set()


def pytest_generate_tests(metafunc):
    if "search_backend" in metafunc.fixturenames:
        metafunc.parametrize("search_backend", list(all_backends()), indirect=True)
    if "engine" in metafunc.fixturenames:
        engines = list(configured_engines())
        metafunc.parametrize("engine", engines or ["none"], indirect=True)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups from the markers
def pytest_collection_modifyitems(config, items):
    # Under pytest-xdist (`make test` runs a process per core), the tests of a real engine all
    # run in one process: they share the engines' indexes, and the outage tests pause an engine.
    for item in items:
        if item.get_closest_marker("search_engine") or {"engine", "search_backend"} & set(
            item.fixturenames
        ):
            item.add_marker(pytest.mark.xdist_group("search-engines"))
    if POSTGRES_REQUIRED and settings.DATABASES["default"]["ENGINE"] != POSTGRES_ENGINE:
        raise pytest.UsageError(
            "REQUIRE_POSTGRES=1 but DATABASE_URL is not a PostgreSQL database. "
            "Start one with `scripts/postgres start` and use the DATABASE_URL it prints."
        )
    # Tests of one database's own machinery run on that database only: PostgreSQL's in the
    # PostgreSQL pass (`make test-postgres`), SQLite's in `make test`. Listed as deselected here
    # rather than skipped, so that a skip always means something is missing.
    for marker, engine in DATABASE_MARKERS.items():
        if settings.DATABASES["default"]["ENGINE"] != engine:
            elsewhere = [item for item in items if item.get_closest_marker(marker)]
            if elsewhere:
                config.hook.pytest_deselected(items=elsewhere)
                items[:] = [item for item in items if not item.get_closest_marker(marker)]
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
    if POSTGRES_REQUIRED and report.skipped and item.get_closest_marker("postgres"):
        report.outcome = "failed"
        report.longrepr = f"postgres test skipped while REQUIRE_POSTGRES=1: {report.longrepr}"


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


def build_test_city(locales, texts):
    """A region and city made for a test, in every language, holding one live initiative per
    `texts[language]` entry (key, title, summary). Returns the cities and pages by language."""
    from wagtail.models import Page

    from cities.models import MemberCityPage, RegionalSectionPage
    from initiatives.models import InitiativePage

    pages = {}
    home_en = Page.objects.get(depth=2, locale=locales["en"])
    region = RegionalSectionPage(title="Testland", slug="testland")
    home_en.add_child(instance=region)
    region.save_revision().publish()
    city = MemberCityPage(
        title="Testville",
        slug="testville",
        official_name="Testville",
        country="Nowhere",
        government_name="Testville council",
    )
    region.add_child(instance=city)
    city.save_revision().publish()
    cities = {"en": city}
    for code in ("fr", "es"):
        cities[code] = city.copy_for_translation(locales[code], copy_parents=True, alias=False)
        cities[code].save_revision().publish()
    for code, entries in texts.items():
        for key, title, summary in entries:
            page = InitiativePage(
                title=title, slug=f"test-{key}", summary=summary, status="ongoing"
            )
            cities[code].add_child(instance=page)
            page.save_revision().publish()
            pages[(code, key)] = page
    return {"cities": cities, "pages": pages}
