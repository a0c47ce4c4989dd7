"""Fixtures shared by every test folder."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Site


def pytest_configure(config):
    # Once per run: in pytest-xdist's controller (its workers have `workerinput`), or in the only
    # process when the tests run in one.
    if not hasattr(config, "workerinput"):
        from editorial.tests.security import clear_tallies

        clear_tallies()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database holds the full demo site, built once per session by the real loader.

    When every selected test is marked `without_demo_content` (they build what they need), only
    the locales are created: the demo site takes minutes to build.
    """
    items = request.session.items
    with django_db_blocker.unblock():
        if items and all(item.get_closest_marker("without_demo_content") for item in items):
            for code, _name in settings.LANGUAGES:
                Locale.objects.get_or_create(language_code=code)
        else:
            call_command("load_demo_content", stdout=io.StringIO())


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
