"""The API answers ids it does not serve with a JSON 404 at the address asked for, never with a
redirect to a language-prefixed HTML page."""

import pytest
from wagtail.models import PageViewRestriction, Site

from home.tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]


@pytest.fixture
def parent(db):
    return Site.objects.get(is_default_site=True).root_page


def assert_json_404(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404, response.get("Location")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_an_unknown_id_is_a_json_404(client):
    assert_json_404(client, "/api/v2/pages/999999/")
    assert_json_404(client, "/api/v2/images/999999/")
    assert_json_404(client, "/api/v2/documents/999999/")


def test_an_unknown_endpoint_is_a_404_without_redirect(client):
    response = client.get("/api/v2/nowhere/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404


def test_a_draft_is_a_json_404(client, parent):
    draft = StandardPageFactory(parent=parent, live=False)
    assert_json_404(client, f"/api/v2/pages/{draft.pk}/")


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_a_restricted_page_is_a_json_404(client, parent, restriction):
    page = StandardPageFactory(parent=parent)
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=restriction,
        password="secret" if restriction == "password" else "",
    )
    assert_json_404(client, f"/api/v2/pages/{page.pk}/")
