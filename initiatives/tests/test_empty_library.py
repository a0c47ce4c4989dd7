"""When nothing is found, the filters panel goes rather than leave a "Filters" heading over nothing;
a selected filter still shows, so that it can be removed."""

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from wagtail.models import Locale, Page

from initiatives.filters import CaseStudyFilter
from initiatives.models import CaseLibraryPage
from initiatives.queries import live_case_studies

pytestmark = pytest.mark.django_db


def render_filters(query, locale, within_ids):
    case_filter = CaseStudyFilter(QueryDict(query), locale, within_ids=within_ids)
    return render_to_string("initiatives/components/filters.html", {"case_filter": case_filter})


def test_no_hits_and_no_filter_leave_no_panel():
    french = Locale.objects.get(language_code="fr")
    assert "filters-heading" not in render_filters("", french, within_ids=set())


def test_a_selected_filter_stays_removable_when_nothing_matches():
    french = Locale.objects.get(language_code="fr")
    html = render_filters("status=completed", french, within_ids=set())
    assert "filters-heading" in html
    assert 'aria-current="true"' in html  # the selected value, a link that removes it
    assert "(1)" in html  # one active filter, counted in the heading


def test_an_empty_library_has_no_orphan_filters_heading(client):
    french = Locale.objects.get(language_code="fr")
    Page.objects.filter(pk__in=live_case_studies(french).values("pk")).update(live=False)
    library = CaseLibraryPage.objects.get(locale=french)

    html = client.get(library.url).content.decode()

    assert "0 étude de cas" in html or "0 études de cas" in html
    assert "filters-heading" not in html
    assert "Filtres" not in html


def test_an_empty_library_with_a_filter_offers_to_clear_it(client):
    french = Locale.objects.get(language_code="fr")
    Page.objects.filter(pk__in=live_case_studies(french).values("pk")).update(live=False)
    library = CaseLibraryPage.objects.get(locale=french)

    html = client.get(f"{library.url}?status=completed").content.decode()

    assert "filters-heading" in html
    assert "Effacer tous les filtres" in html


def test_clearing_the_filters_keeps_the_search_query():
    french = Locale.objects.get(language_code="fr")
    case_filter = CaseStudyFilter(
        QueryDict("status=completed&theme=x&sort=newest"),
        french,
        preserved={"q": "eau"},
    )
    assert case_filter.clear_url() == "?q=eau&sort=newest"
