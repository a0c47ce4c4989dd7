"""Each language's engine index understands that language: stemming, elision, accent folding.

The test pages live in a member city made for the test, and each search is limited to that city,
so every assertion names the exact expected result.
"""

import pytest
from django.http import QueryDict
from django.utils import translation

from initiatives.models import InitiativePage, SolutionPage
from search.query import SiteSearch

from .conftest import build_test_city, refresh

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]

TEXTS = {
    "en": [
        ("flood", "Flooding defences for riverside homes", "Levees protect riverside homes."),
        ("solar", "Solar roofs on public schools", "Panels on every school roof."),
    ],
    "fr": [
        ("inondation", "Prévention des inondations sur la lagune", "Digues et alertes."),
        ("eau", "Gestion de l'eau potable dans les quartiers", "Réseau et bornes-fontaines."),
    ],
    "es": [
        ("vivienda", "Programa de viviendas asequibles", "Alquiler social en el centro."),
        ("energia", "Energía solar en Bogotá", "Techos solares en colegios públicos."),
    ],
}


@pytest.fixture
def test_city(engine, locales):
    """A region and city in every language, holding one page per TEXTS entry."""
    fixture = build_test_city(locales, TEXTS)
    refresh()
    return fixture


def run(language, query, fixture, **params):
    """Search as a visitor of `language`, keeping only hits among the fixture's pages."""
    data = QueryDict(mutable=True)
    data.update({"q": query, **params})
    allowed = {page.pk for page in fixture["pages"].values()}
    with translation.override(language):
        search = SiteSearch(data, language)
        hits = [page for page in search.ranked if page.pk in allowed]
    return search, hits


def titles(hits):
    return sorted(page.title for page in hits)


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "flooded", ["Flooding defences for riverside homes"]),
        ("fr", "inondation", ["Prévention des inondations sur la lagune"]),
        ("es", "vivienda", ["Programa de viviendas asequibles"]),
    ],
)
def test_stemming_finds_other_forms_of_a_word(test_city, language, query, expected):
    _search, hits = run(language, query, test_city)
    assert titles(hits) == expected


def test_french_elision_matches_l_eau_and_eau(test_city):
    expected = ["Gestion de l'eau potable dans les quartiers"]
    assert titles(run("fr", "eau", test_city)[1]) == expected
    assert titles(run("fr", "l'eau potable", test_city)[1]) == expected


def test_accents_are_folded_in_both_directions(test_city):
    expected = ["Energía solar en Bogotá"]
    assert titles(run("es", "energia bogota", test_city)[1]) == expected
    assert titles(run("es", "Energía Bogotá", test_city)[1]) == expected


def test_each_language_searches_only_its_own_pages(test_city):
    assert titles(run("fr", "flood", test_city)[1]) == []
    assert titles(run("en", "inondation", test_city)[1]) == []


def test_all_languages_control_adds_other_languages_labelled(test_city):
    assert titles(run("fr", "solar", test_city)[1]) == []
    search, hits = run("fr", "solar", test_city, all_languages="1")
    assert titles(hits) == ["Energía solar en Bogotá", "Solar roofs on public schools"]
    assert sorted(hit.language_code for hit in search.hits_for(hits)) == ["en", "es"]


def test_highlighting_marks_matches_and_escapes_html(test_city, locales):
    city = test_city["cities"]["en"]
    page = InitiativePage(
        title="Flood <script>alert(1)</script> plan", slug="test-escape", summary="Flood maps."
    )
    city.add_child(instance=page)
    page.save_revision().publish()
    refresh()
    test_city["pages"][("en", "escape")] = page
    search, hits = run("en", "flood", test_city)
    [hit] = search.hits_for([p for p in hits if p.pk == page.pk])
    assert "<mark>Flood</mark>" in hit.title
    assert "&lt;script&gt;" in hit.title and "<script>" not in hit.title
    assert "<mark>Flood</mark> maps." in hit.summary


def test_facet_counts_equal_the_results_for_each_value(engine, locales):
    data = QueryDict(mutable=True)
    data.update({"q": "city"})
    with translation.override("en"):
        search = SiteSearch(data, "en")
        facets = {facet.param: facet for facet in search.case_filter.facets()}
        assert search.ranked
        for option in facets["status"].options + facets["type"].options + facets["theme"].options:
            filtered = QueryDict(mutable=True)
            filtered.update({"q": "city", option_param(facets, option): option.value})
            assert len(SiteSearch(filtered, "en").filtered) == option.count, option.label


def option_param(facets, option):
    return next(param for param, facet in facets.items() if option in facet.options)


def test_case_studies_of_every_type_are_indexed_per_language(engine, locales):
    refresh()
    for code, locale in locales.items():
        with translation.override(code):
            live = SolutionPage.objects.live().filter(locale=locale).first()
            search = SiteSearch(QueryDict(f"q={live.title.split()[0]}"), code)
            assert all(page.locale_id == locale.pk for page in search.ranked)
            assert InitiativePage.objects.live().filter(locale=locale).exists()


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "riversde homes", "riverside homes"),
        ("fr", "lagnue", "lagune"),
        ("es", "viviendas asequibels", "viviendas asequibles"),
    ],
)
def test_the_engine_suggests_whole_words_for_a_misspelling(test_city, language, query, expected):
    search, hits = run(language, query, test_city)
    assert hits == []
    assert search.suggestion() == expected
