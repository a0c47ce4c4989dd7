"""Each language's engine index understands that language: stemming, elision, accent folding.

The test pages live in a member city made for the test, and each search is limited to that city,
so every assertion names the exact expected result.
"""

import dataclasses

import pytest
from django.http import QueryDict
from django.utils import translation
from wagtail.models import Locale, Page

from initiatives.filters import RELATED_FACTS, facts_from_database
from initiatives.models import InitiativePage, SolutionPage
from initiatives.tests.test_filters import filter_choices
from search.query import SiteSearch
from search.ranking import RANKED_FIELDS, Ranked

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
# A word in most of each language's demo case studies.
BROAD = {"en": "city", "fr": "ville", "es": "ciudad"}


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
    return sorted(
        Page.objects.filter(pk__in=[hit.pk for hit in hits]).values_list("title", flat=True)
    )


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
            results = SiteSearch(filtered, "en").page_of_hits(1).paginator.count
            assert results == option.count, option.label


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


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_engine_returns_with_each_hit_what_the_database_holds(engine, locales, language):
    """What the search page reads of its hits comes from the engine: the ranked rows and the case
    studies' facet values must be the database's (dates to the engine's millisecond)."""
    # Every column asked for: all languages' hits need translation keys, sorting by newest dates.
    search = SiteSearch(QueryDict(f"q={BROAD[language]}&all_languages=1&sort=newest"), language)
    assert search.ranked and not search.degraded
    assert search.hit_facts is not None  # the engine's, not read from the database

    rows = Page.objects.filter(pk__in=[hit.pk for hit in search.ranked]).values_list(*RANKED_FIELDS)
    expected = {row[0]: to_milliseconds(Ranked(*row)) for row in rows}
    assert {hit.pk: to_milliseconds(hit) for hit in search.ranked} == expected

    from_database = facts_from_database(search.case_filter)
    assert sorted_facts(search.hit_facts) == sorted_facts(from_database)
    facts = from_database.values()
    assert all(any(getattr(fact, name) for fact in facts) for name in RELATED_FACTS)


def to_milliseconds(ranked):
    published = ranked.first_published_at
    if published is not None:
        published = published.replace(microsecond=published.microsecond // 1000 * 1000)
    return dataclasses.replace(ranked, first_published_at=published)


def sorted_facts(facts):
    return {
        pk: dataclasses.replace(
            fact, **{name: sorted(getattr(fact, name)) for name in RELATED_FACTS}
        )
        for pk, fact in facts.items()
    }


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_engine_filters_and_counts_as_the_ranked_hits_do(engine, locales, language):
    """In the visitor's language the engine filters and counts (search/faceting.py); with all
    languages, the ranked hits are filtered and counted in memory. For the same filters, both give
    the same results and counts (the demo has fewer than a thousand hits for each BROAD word, so
    both see every hit)."""
    checked = 0
    for query in filter_choices(Locale.objects.get(language_code=language)):
        params = QueryDict(f"q={BROAD[language]}&{query}")
        by_engine = SiteSearch(params, language)
        in_memory = SiteSearch(params, language)
        in_memory.engine_search = None  # as when searching all languages
        assert by_engine.engine_search is not None

        engine_page = by_engine.page_of_hits(1)
        memory_page = in_memory.page_of_hits(1)
        assert engine_page.paginator.count == memory_page.paginator.count, query
        engine_hits = by_engine.engine_search[0 : engine_page.paginator.count]
        assert {hit.pk for hit in engine_hits} == {hit.pk for hit in in_memory.filtered}, query
        assert facet_counts(by_engine) == facet_counts(in_memory), query
        checked += engine_page.paginator.count
    assert checked  # over real results, not empty ones


def facet_counts(search):
    return {
        (facet.param, option.value): (option.count, option.active)
        for facet in search.case_filter.facets()
        for option in facet.options
    }
