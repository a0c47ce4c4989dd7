"""A city editor's admin is about their city: a "My city" panel instead of the site's counts, the
explorer opening at their city in their language, and refusals that say what happened."""

import pytest
from django.test import Client
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from initiatives.models import InitiativePage

from .admin_forms import add_initiative
from .conftest import editor_of

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def prefer(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


def test_my_city_panel_shows_the_city_in_the_editor_language(barcelona):
    editor = editor_of(barcelona)
    prefer(editor, "es")
    barcelona_es = barcelona.get_translation(Locale.objects.get(language_code="es"))
    client = client_for(editor)
    add_initiative(client, barcelona, "Bus lanes on the Diagonal", "bus-lanes-diagonal")

    html = client.get("/admin/").content.decode()

    assert 'id="my-city-section"' in html
    assert f"/admin/pages/add/initiatives/initiativepage/{barcelona_es.pk}/" in html
    assert f"/admin/pages/add/initiatives/solutionpage/{barcelona_es.pk}/" in html
    assert f"/admin/pages/{barcelona_es.pk}/" in html
    submitted = InitiativePage.objects.get(slug="bus-lanes-diagonal")
    assert f"/admin/pages/{submitted.pk}/edit/" in html  # awaiting review
    # The site-wide counts are gone: they are not the editor's.
    assert "w-summary__list" not in html
    assert "Mi ciudad" in html


def test_the_explorer_starts_at_the_editor_city(barcelona):
    editor = editor_of(barcelona)
    prefer(editor, "fr")
    barcelona_fr = barcelona.get_translation(Locale.objects.get(language_code="fr"))
    html = client_for(editor).get("/admin/").content.decode()
    assert f'"url": "/admin/pages/"}}, {barcelona_fr.pk}]' in html


def test_the_secretariat_dashboard_is_unchanged(moderator):
    html = client_for(moderator).get("/admin/").content.decode()
    assert 'id="my-city-section"' not in html
    assert "w-summary__list" in html


def test_another_city_listing_says_there_is_no_access(barcelona, lisbon):
    response = client_for(editor_of(barcelona)).get(f"/admin/pages/{lisbon.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have no access to these pages. Your pages are in Barcelona." in html
    assert f"/admin/pages/{barcelona.pk}/" in html


def test_another_city_listing_shows_no_empty_page_count(barcelona, lisbon):
    html = client_for(editor_of(barcelona)).get(f"/admin/pages/{lisbon.pk}/").content.decode()
    assert "You have no access to these pages." in html
    assert "of 0 pages" not in html
    assert 'id="page-reorder-form"' not in html  # no empty table under the message


def test_the_explorer_root_leads_the_editor_to_their_city(barcelona):
    editor = editor_of(barcelona)
    prefer(editor, "fr")
    barcelona_fr = barcelona.get_translation(Locale.objects.get(language_code="fr"))
    client = client_for(editor)

    response = client.get("/admin/pages/?ordering=title")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{barcelona_fr.pk}/?ordering=title"
    html = client.get(response["Location"]).content.decode()
    assert "Vous n’avez pas accès" not in html
    assert "of 0 pages" not in html


def test_the_explorer_root_is_unchanged_for_the_secretariat(moderator):
    response = client_for(moderator).get("/admin/pages/")
    assert response.status_code == 200
    assert 'id="page-reorder-form"' in response.content.decode()


def test_the_explorer_root_still_asks_to_sign_in(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_editor_own_listing_has_no_warning(barcelona):
    html = client_for(editor_of(barcelona)).get(f"/admin/pages/{barcelona.pk}/").content.decode()
    assert "You have no access" not in html


def test_submitting_a_page_already_in_review_says_so(barcelona):
    client = client_for(editor_of(barcelona))
    add_initiative(client, barcelona, "Shade sails", "shade-sails")
    page = InitiativePage.objects.get(slug="shade-sails")
    assert page.workflow_in_progress

    response = client.post(f"/admin/secretariat/pages/{page.pk}/submit/", follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "is already in review" in html
    assert "do not have permission" not in html
