"""A case study cannot name its own city as a partner city (initiatives/forms.py)."""

import pytest
from django.test import Client
from wagtail.models import Locale

from cities.models import MemberCityPage
from editorial.tests.admin_forms import initiative_form
from initiatives.models import InitiativePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def add_with_partners(client, city, partners):
    form = initiative_form("Shared bike lanes", "shared-bike-lanes", "action-submit")
    form["partner_cities"] = [partner.pk for partner in partners]  # the checkboxes ticked
    return client.post(f"/admin/pages/add/initiatives/initiativepage/{city.pk}/", form)


def cities(language):
    return MemberCityPage.objects.filter(locale__language_code=language).order_by("path")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_own_city_is_refused_as_a_partner(client, language):
    city = cities(language).first()
    own = cities("en").get(translation_key=city.translation_key)  # partners are English pages
    response = add_with_partners(client, city, [own])

    assert response.status_code == 200
    assert "is this case study&#x27;s own city, so it cannot also be a partner" in response.text
    assert not InitiativePage.objects.filter(slug="shared-bike-lanes").exists()


def test_another_city_is_accepted_as_a_partner(client):
    city, other = cities("en")[:2]
    response = add_with_partners(client, city, [other])

    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="shared-bike-lanes", locale=Locale.get_default())
    assert list(page.partner_cities.all()) == [other]


def chosen_inputs(html: str) -> int:
    """The chosen cities' inputs in a form (the chooser's empty row template has no value)."""
    return html.count('name="partner_cities" value=')


def test_the_edit_form_lists_the_chosen_cities_not_every_city(client):
    city, partner = cities("en")[:2]
    add_with_partners(client, city, [partner])
    page = InitiativePage.objects.get(slug="shared-bike-lanes", locale=Locale.get_default())
    edit = f"/admin/pages/{page.pk}/edit/"

    html = client.get(edit).text
    assert 'type="checkbox" name="partner_cities"' not in html
    assert chosen_inputs(html) == 1
    assert f'value="{partner.pk}"' in html
    assert f'aria-label="Remove {partner.title}"' in html
    assert "Add partner cities" in html

    # More member cities make the form no longer.
    region = partner.get_parent()
    for number in range(3):
        new = {"official_name": "-", "country": "-", "government_name": "-"}
        region.add_child(
            instance=MemberCityPage(title=f"New city {number}", slug=f"n{number}", **new)
        )
    again = client.get(edit).text
    assert chosen_inputs(again) == 1
    assert "New city 0" not in again


def test_a_french_case_study_chooses_french_cities_and_stores_the_english_pages(client):
    city, partner = cities("fr")[:2]
    response = add_with_partners(client, city, [partner])  # the chooser posts French pages

    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="shared-bike-lanes", locale__language_code="fr")
    english = cities("en").get(translation_key=partner.translation_key)
    assert list(page.partner_cities.all()) == [english]

    # The form shows it in French, with its French region, and posts it back unchanged.
    html = client.get(f"/admin/pages/{page.pk}/edit/").text
    assert f'data-page-id="{partner.pk}"' in html
    assert f'value="{english.pk}"' in html
    assert partner.get_parent().title in html


def test_saving_the_edit_form_keeps_added_and_drops_removed_partners(client):
    city, first, second, third = cities("en")[:4]
    add_with_partners(client, city, [first, second])
    page = InitiativePage.objects.get(slug="shared-bike-lanes", locale=Locale.get_default())

    form = initiative_form("Shared bike lanes", "shared-bike-lanes")
    form["partner_cities"] = [second.pk, third.pk]  # first removed, third added
    response = client.post(f"/admin/pages/{page.pk}/edit/", form)

    assert response.status_code == 302
    draft = InitiativePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert {partner.pk for partner in draft.partner_cities.all()} == {second.pk, third.pk}


def test_the_refused_own_city_stays_listed_beside_the_error(client):
    city = cities("en").first()
    other = cities("en")[1]
    response = add_with_partners(client, city, [city, other])

    html = response.text
    assert response.status_code == 200
    assert chosen_inputs(html) == 2  # both still chosen, for the editor to remove one
    field = html[html.index('data-contentpath="partner_cities"') :]
    assert field.index("cannot also be a partner") < field.index("Add partner cities")


def test_the_chooser_searches_member_cities_in_the_case_studys_language(client):
    city = cities("fr").first()
    english = cities("en").get(translation_key=city.translation_key)
    response = client.get(
        "/admin/choose-page/search/",
        {"page_type": "cities.membercitypage", "locale": "fr", "q": city.title, "multiple": "1"},
    )

    assert response.status_code == 200
    assert f'value="{city.pk}"' in response.text
    assert f'value="{english.pk}"' not in response.text
