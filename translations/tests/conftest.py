"""Fixtures for the translation workflow: demo originals with live translations, and the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from initiatives.models import InitiativePage, SolutionPage
from translations.freshness import source_of


def original_with_live_translations(model, language="en"):
    """A live original of `model` in `language` whose translations into every other working
    language are live and synced through wagtail-localize."""
    for page in model.objects.live().filter(locale__language_code=language).order_by("path"):
        source = source_of(page)
        if source is None:
            continue
        translations = page.get_translations().live()
        if translations.count() == 2 and source.translations.filter(enabled=True).count() == 2:
            return page
    raise AssertionError(f"the demo content has no translated {model.__name__} in {language}")


def republish(page, user=None):
    """Publish the page's current state, as an editor pressing "Publish" does."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def fetch(page):
    """The page as it is stored now, with its specific fields."""
    return Page.objects.get(pk=page.pk).specific


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    opts = instance._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[instance.pk])


@pytest.fixture
def initiative(db):
    return original_with_live_translations(InitiativePage)


@pytest.fixture
def solution(db):
    return original_with_live_translations(SolutionPage)


@pytest.fixture
def superuser(admin_user):
    return admin_user


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client
