"""What is kept rendered between publishes (core/published.py, `{% publishedcache %}` in base.html,
the listings of initiatives/listings.py and initiatives/filters.py) shows every change on the very
next request, and never in place of a draft being previewed."""

import re

import pytest
from django.urls import reverse

from cities.models import MemberCityPage
from initiatives.models import CaseLibraryPage
from initiatives.tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db


def heading(content: str) -> str:
    return re.search(r"<h1>([^<]*)</h1>", content)[1]


def results_count(content: str) -> int:
    return int(re.search(r'class="results-count">(\d+)', content)[1])


@pytest.fixture
def city(locales):
    return MemberCityPage.objects.live().filter(locale=locales["en"]).order_by("path").first()


def test_a_case_study_shows_its_published_changes_and_its_previewed_draft(
    client, admin_client, city
):
    case = InitiativePageFactory(parent=city, title="Bus lanes for everyone")
    assert heading(client.get(case.url).content.decode()) == "Bus lanes for everyone"

    case.title = "Bus lanes for every district"
    case.save_revision()  # a draft: the live page keeps its title
    assert heading(client.get(case.url).content.decode()) == "Bus lanes for everyone"
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[case.pk]))
    assert heading(preview.content.decode()) == "Bus lanes for every district"

    case.get_latest_revision().publish()
    assert heading(client.get(case.url).content.decode()) == "Bus lanes for every district"


def test_a_city_and_the_library_list_a_new_case_study_at_once(client, city, locales):
    library = CaseLibraryPage.objects.live().get(locale=locales["en"])
    city_page = client.get(city.url).content.decode()
    filtered = f"{library.url}?city={city.pk}"
    before = results_count(client.get(filtered).content.decode())
    everything = results_count(client.get(library.url).content.decode())

    case = InitiativePageFactory(parent=city, title="Night buses that run on time", live=False)
    case.save_revision().publish()  # as an editor publishes: the newest comes first
    assert "Night buses that run on time" not in city_page
    assert "Night buses that run on time" in client.get(city.url).content.decode()
    assert results_count(client.get(filtered).content.decode()) == before + 1
    assert results_count(client.get(library.url).content.decode()) == everything + 1
    assert "Night buses that run on time" in client.get(library.url).content.decode()

    case.refresh_from_db()
    case.unpublish()
    assert "Night buses that run on time" not in client.get(city.url).content.decode()
    assert results_count(client.get(filtered).content.decode()) == before
    assert "Night buses that run on time" not in client.get(library.url).content.decode()
