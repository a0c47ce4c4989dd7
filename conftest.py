"""Fixtures shared by every test folder."""

import fcntl
import io
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Site

from bench.databases import source_digest as digest_of_sources

# Built demo databases, one per version of the code that builds them (see demo_template).
TEMPLATES = Path(settings.BASE_DIR) / ".cache" / "test-templates"


def pytest_configure(config):
    # Once per run: in pytest-xdist's controller (its workers have `workerinput`), or in the only
    # process when the tests run in one.
    if not hasattr(config, "workerinput"):
        from editorial.tests.security import clear_tallies

        clear_tallies()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database holds the full demo site, built by the real loader.

    On SQLite (the default) the site is built once for every test process and every run of the
    same code, and copied in (`demo_template`); on another database each process builds it.
    When every selected test is marked `without_demo_content` (they build what they need), only
    the locales are created: the demo site takes minutes to build.
    """
    from django.db import connection

    items = request.session.items
    with django_db_blocker.unblock():
        if items and all(item.get_closest_marker("without_demo_content") for item in items):
            for code, _name in settings.LANGUAGES:
                Locale.objects.get_or_create(language_code=code)
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(demo_template()) as template:
                template.backup(connection.connection)
        else:
            call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(scope="session")
def demo_database(django_db_setup) -> Path:
    """The built demo database file, for a test that works on a copy of it in another process
    (SQLite only: elsewhere each process loads the demo site into its own database)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the built demo database is a SQLite file")
    return demo_template()


def demo_template() -> Path:
    """A SQLite file holding the migrated database with the demo site, built on first use.

    Its name is a digest of every file that could change what the loader builds (the code,
    migrations, demo data and translations, not the tests), so an edit to any of them builds a
    new one. Test processes take a lock: one builds, the others wait and copy. The images and
    documents the loader wrote stay in the test MEDIA_ROOT; a template whose files are gone is
    rebuilt."""
    template = TEMPLATES / f"demo-{source_digest()}.sqlite3"
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATES / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if template.exists() and media_present(template):
            return template
        from django.db import connection

        call_command("load_demo_content", stdout=io.StringIO())
        partial = template.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(partial) as copy:
            connection.connection.backup(copy)
        for old in TEMPLATES.glob("demo-*.sqlite3"):
            old.unlink()
        partial.rename(template)
    return template


def source_digest() -> str:
    return digest_of_sources(
        lambda path: "tests" not in path.parts and path.suffix not in (".md", ".html")
    )


def media_present(template: Path) -> bool:
    media = Path(settings.MEDIA_ROOT)
    with sqlite3.connect(f"file:{template}?mode=ro", uri=True) as db:
        names = [
            name
            for table in ("wagtailimages_image", "wagtaildocs_document")
            for (name,) in db.execute(f"SELECT file FROM {table}")  # noqa: S608 (fixed names)
        ]
    return all((media / name).is_file() for name in names)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Counters kept in the cache (email rate limits) start from zero in every test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific
