"""Every page type renders in every locale, showing its own content in that locale's language."""

import html

import pytest

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.listings import case_studies_of_place
from initiatives.models import CaseLibraryPage, InitiativePage, SolutionPage

LANGUAGES = ["en", "fr", "es"]
pytestmark = pytest.mark.django_db


def first_live(model, locale):
    page = model.objects.live().filter(locale=locale).order_by("path").first()
    assert page is not None, f"the demo content has no live {model.__name__} in {locale}"
    return page


def get_page(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{page.locale.language_code}" dir="ltr">' in content
    assert html.escape(page.title) in content
    return content


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_introduction_figures_and_regions(client, locales, language):
    page = first_live(HomePage, locales[language])
    content = get_page(client, page)
    members = MemberCityPage.objects.live().filter(locale=locales[language]).count()
    assert members == 45
    assert f"<dd>{members}</dd>" in content
    for region in RegionalSectionPage.objects.child_of(page).live():
        assert html.escape(region.title) in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_regional_section_lists_its_member_cities(client, locales, language):
    region = first_live(RegionalSectionPage, locales[language])
    content = get_page(client, region)
    cities = list(region.member_cities)
    assert len(cities) >= 10
    for city in cities:
        assert f'href="{city.url}"' in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_city_shows_its_facts_and_case_studies(client, locales, language):
    barcelona = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    city = barcelona.get_translation(locales[language])
    assert city.live
    content = get_page(client, city)
    assert html.escape(city.official_name) in content
    assert html.escape(city.country) in content
    cases = list(case_studies_of_place(city))
    assert cases, "Barcelona leads case studies in the demo content"
    for case in cases:
        assert f'href="{case.url}"' in content


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", [InitiativePage, SolutionPage])
def test_case_study_shows_summary_and_localized_taxonomy(client, locales, language, model):
    case = (
        model.objects.live()
        .filter(locale=locales[language])
        .exclude(themes=None)
        .order_by("path")
        .first()
    )
    content = get_page(client, case)
    assert html.escape(case.summary[:60]) in content
    for theme in case.themes.all():
        assert html.escape(theme.get_translation(locales[language]).name) in content
    if model is SolutionPage:
        assert {"en": "The problem", "fr": "Le problème", "es": "El problema"}[language] in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_library_lists_case_studies_with_filters(client, locales, language):
    library = first_live(CaseLibraryPage, locales[language])
    content = get_page(client, library)
    total = (
        InitiativePage.objects.live().filter(locale=locales[language]).count()
        + SolutionPage.objects.live().filter(locale=locales[language]).count()
    )
    assert f">{total} " in content
    assert 'class="filters"' in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_shows_its_introduction(client, locales, language):
    page = first_live(StandardPage, locales[language])
    content = get_page(client, page)
    assert html.escape(page.introduction[:50]) in content
