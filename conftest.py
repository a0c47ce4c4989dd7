"""Fixtures shared by every test folder."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the full demo site, built once per session by the real loader."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific
