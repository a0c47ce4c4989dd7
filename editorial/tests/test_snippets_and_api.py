"""Only moderators manage the shared vocabulary (themes and goals): editors never touch it, and
translators only translate it into their language (translations/tests/test_snippet_translation.py).
The public API is read-only for everyone."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from editorial.models import EditorialTeam
from initiatives.models import SustainableDevelopmentGoal, Theme

from .factories import UserFactory
from .security import record_tally, refused

pytestmark = pytest.mark.django_db

SNIPPETS = (Theme, SustainableDevelopmentGoal)


def snippet_urls(model, instance):
    viewset = model.snippet_viewset
    return {
        "listing": reverse(viewset.get_url_name("list")),
        "add": reverse(viewset.get_url_name("add")),
        "edit": reverse(viewset.get_url_name("edit"), args=[instance.pk]),
        "delete": reverse(viewset.get_url_name("delete"), args=[instance.pk]),
    }


def editor_groups():
    """One group of each editorial kind but the moderators."""
    return [
        EditorialTeam.objects.filter(kind=kind).select_related("group").first().group
        for kind in (
            EditorialTeam.Kind.CITY,
            EditorialTeam.Kind.REGION,
            EditorialTeam.Kind.TRANSLATORS,
        )
    ]


def test_editors_and_translators_cannot_touch_the_original_themes_or_goals():
    leaks, checked = [], 0
    for group in editor_groups():
        user = UserFactory(groups=[group])
        client = Client()
        client.force_login(user)
        for model in SNIPPETS:
            instance = model.objects.filter(locale=Locale.get_default()).first()
            name_before = instance.name
            policy = policy_registry.get_by_type(model)
            for permission in ("add", "change", "delete", "publish"):
                checked += 1
                if policy.user_has_permission_for_instance(user, permission, instance):
                    leaks.append((group.name, model.__name__, permission, "permission"))
            translates = group.editorial_team.kind == EditorialTeam.Kind.TRANSLATORS
            for action, url in snippet_urls(model, instance).items():
                if action == "listing" and translates:
                    # They translate from the listing; it only reads (a POST is not allowed).
                    assert client.get(url).status_code == 200
                    assert client.post(url, {"name": "Taken over"}).status_code == 405
                    continue
                for method in ("get", "post"):
                    checked += 1
                    response = getattr(client, method)(url, {"name": "Taken over"})
                    if not refused(response):
                        leaks.append((group.name, model.__name__, action, method))
            instance.refresh_from_db()
            assert instance.name == name_before
    record_tally(
        "editor kinds × (themes, goals) × actions (permissions and HTTP)",
        combinations=checked,
        leaks=len(leaks),
    )
    assert leaks == []
    assert Theme.objects.filter(name="Taken over").count() == 0


def test_moderators_edit_themes_and_goals(moderator):
    client = Client()
    client.force_login(moderator)
    theme = Theme.objects.filter(locale__language_code="en").first()
    urls = snippet_urls(Theme, theme)
    for action in ("listing", "add", "edit", "delete"):
        assert client.get(urls[action]).status_code == 200, action

    response = client.post(
        urls["edit"],
        {
            "name": "Water and resilience",
            "slug": theme.slug,
            "description": theme.description,
            "colour": theme.colour,
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Water and resilience"
    goal = SustainableDevelopmentGoal.objects.first()
    assert client.get(snippet_urls(SustainableDevelopmentGoal, goal)["edit"]).status_code == 200


def test_moderators_manage_locales(moderator):
    client = Client()
    client.force_login(moderator)

    assert client.get(reverse("wagtaillocales:index")).status_code == 200
    assert moderator.has_perm("wagtailcore.add_locale")
    assert (
        Group.objects.get(name="Translators (French)")
        .permissions.filter(codename="add_locale")
        .count()
        == 0
    )


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_the_public_api_refuses_every_write(endpoint, barcelona, moderator):
    """Wagtail API v2 is read-only: anonymous callers and signed-in moderators alike get 405."""
    item = {
        "pages": barcelona,
        "images": get_image_model().objects.first(),
        "documents": get_document_model().objects.first(),
    }[endpoint]
    signed_in = Client()
    signed_in.force_login(moderator)
    for client in (Client(), signed_in):
        for url in (f"/api/v2/{endpoint}/", f"/api/v2/{endpoint}/{item.pk}/"):
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(
                    url, data='{"title": "Taken over"}', content_type="application/json"
                )
                assert response.status_code == 405, (url, method, response.status_code)
        assert client.get(f"/api/v2/{endpoint}/{item.pk}/").status_code == 200
    item.refresh_from_db()
    assert item.title != "Taken over"
