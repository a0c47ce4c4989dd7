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
