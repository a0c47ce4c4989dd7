"""The read API exposes the custom fields and filters by type and locale."""

import pytest

from initiatives.models import InitiativePage, SolutionPage

pytestmark = pytest.mark.django_db


def test_initiatives_expose_their_case_study_fields(client, locales):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "initiatives.InitiativePage",
            "locale": "fr",
            "fields": "summary,status,themes,sdgs,city_name,region_name,start_date",
            "limit": 100,
        },
    )
    assert response.status_code == 200
    data = response.json()
    expected = InitiativePage.objects.live().filter(locale=locales["fr"]).count()
    assert data["meta"]["total_count"] == expected
    item = data["items"][0]
    page = InitiativePage.objects.get(pk=item["id"])
    assert item["meta"]["locale"] == "fr"
    assert item["summary"] == page.summary
    assert item["status"] == page.status
    assert {theme["slug"] for theme in item["themes"]} == set(
        page.themes.values_list("slug", flat=True)
    )
    assert all(theme["name"] for theme in item["themes"])
    assert item["region_name"] == page.region.title


def test_solutions_expose_their_transfer_sections(client, locales):
    page = SolutionPage.objects.live().filter(locale=locales["en"]).first()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    for field in ("problem", "solution", "lessons", "transfer_conditions", "transfer_timeline"):
        assert data[field] == getattr(page, field)


def test_member_cities_expose_coordinates_and_government(client):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "cities.MemberCityPage",
            "locale": "es",
            "fields": "official_name,latitude,population",
        },
    )
    items = response.json()["items"]
    assert items and all(item["official_name"] and item["latitude"] for item in items)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_endpoints_list_demo_media(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] > 0


def test_unknown_type_is_a_clear_400(client):
    response = client.get("/api/v2/pages/", {"type": "nope.Nothing"})
    assert response.status_code == 400
    assert "type doesn't exist" in response.json()["message"]
