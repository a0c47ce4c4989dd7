"""A real Chromium (Debian's), driven by Playwright, against Django's live test server."""

import os
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.chromium import CHROMIUM, launch

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """A copy of the demo database, taken before the first browser test. Browser tests are
    transactional, and Django empties the database after each one; the next restores this copy
    instead of spending minutes rebuilding the demo. SQLite only (the test default)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield None
        return
    with django_db_blocker.unblock():
        connection.ensure_connection()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
    yield snapshot
    snapshot.close()


@pytest.fixture(autouse=True)
def demo_site(demo_snapshot, django_db_blocker):
    """Every browser test starts from the full demo site, even after another one emptied it."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        if Page.objects.filter(depth=2).exists():
            return
        if demo_snapshot is None:
            pytest.fail("A previous browser test emptied the database; run this one on its own.")
        demo_snapshot.backup(connection.connection)
        # Rows came back with their former ids: forget what was cached about the empty database.
        ContentType.objects.clear_cache()
        cache.clear()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    # Playwright runs an event loop in this thread; the ORM calls here happen before or after it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()
