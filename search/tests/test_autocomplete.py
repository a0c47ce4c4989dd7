"""Autocomplete analyses a query as search analyses the language: accents folded, French elided
articles dropped, on every backend (the database, and each real engine)."""

import json
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from wagtail.models import Page

from core.pages import private_sections_q
from search.analysis import strip_elisions
from search.highlight import WORD, fold
from search.query import SiteSearch
from search.views import AUTOCOMPLETE_LIMIT

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def autocomplete(client, language_code: str, query: str) -> list[dict]:
    response = client.get(f"/{language_code}/search/autocomplete/", {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["results"]


def words_of(text: str, language_code: str) -> list[str]:
    return [fold(word) for word in WORD.findall(strip_elisions(text, language_code))]


def autocomplete_texts(language_code: str) -> dict[str, list[str]]:
    """The words of each live public page's autocomplete fields (its title, and a case study's
    summary or a city's official name), by title."""
    pages = (
        Page.objects.live()
        .exclude(private_sections_q())
        .filter(locale__language_code=language_code)
        .specific()
    )
    texts = {}
    for page in pages:
        values = [
            str(getattr(page, field.field_name, "") or "")
            for field in type(page).get_autocomplete_search_fields()
        ]
        texts[page.title] = words_of(" ".join(values), language_code)
    return texts


def starting_like(language_code: str, query: str, stemming=False) -> set[str]:
    """The titles of the pages with, for every word of the query, a word starting like it once
    both are folded and stripped of elided articles: what autocomplete offers. With `stemming`
    (the engines), also a word that shares the query word's beginning but for a suffix
    ("energetico" for "energetica"): what a light stemmer may also match."""

    def like(word: str, part: str) -> bool:
        if word.startswith(part):
            return True
        return stemming and len(part) > 4 and word.startswith(part[: max(4, len(part) - 3)])

    typed = words_of(query, language_code)
    return {
        title
        for title, words in autocomplete_texts(language_code).items()
        if all(any(like(word, part) for word in words) for part in typed)
    }


def with_whole_words(language_code: str, query: str) -> set[str]:
    """The titles of the pages whose autocomplete text has every word of the query, whole."""
    typed = words_of(query, language_code)
    return {
        title
        for title, words in autocomplete_texts(language_code).items()
        if all(part in words for part in typed)
    }


def search_titles(language_code: str, query: str) -> set[str]:
    search = SiteSearch(QueryDict(urlencode({"q": query})), language_code)
    pks = [hit.pk for hit in search.ranked]
    return set(Page.objects.filter(pk__in=pks).values_list("title", flat=True))


QUERIES = [
    ("fr", "énergie"),
    ("fr", "energie"),
    ("fr", "ÉNERGIE"),
    ("fr", "Bogotá"),
    ("fr", "bogota"),
    ("fr", "l'eau"),
    ("fr", "l’eau"),
    ("fr", "d'énergie"),
    ("fr", "communautés d'énergie"),
    ("es", "energética"),
    ("es", "Bogotá"),
]


@pytest.mark.parametrize(("language_code", "query"), QUERIES)
def test_autocomplete_finds_the_pages_search_finds(client, search_backend, language_code, query):
    prefixed = starting_like(language_code, query)
    assert prefixed, f"the demo content has no {language_code} page for {query!r}"
    offered = {result["title"] for result in autocomplete(client, language_code, query)}
    if search_backend.engine_name == "database":  # no stemming: exactly the prefixed words
        assert offered <= prefixed
        assert len(offered) == min(AUTOCOMPLETE_LIMIT, len(prefixed))
    else:  # the prefixed words, and other forms of the whole words typed
        assert offered <= starting_like(language_code, query, stemming=True)
        assert len(offered) >= min(AUTOCOMPLETE_LIMIT, len(prefixed))
    # Where the query's words are whole words of a page, search finds the page too.
    whole = offered & with_whole_words(language_code, query)
    assert whole <= search_titles(language_code, query)


def test_the_pages_of_the_issue_are_offered(client, search_backend):
    eau = {result["title"] for result in autocomplete(client, "fr", "l'eau de pluie")}
    energie = {result["title"] for result in autocomplete(client, "fr", "communautés d'énergie")}
    assert "Berlin ville éponge\u202f: garder l'eau de pluie là où elle tombe" in eau
    assert any(title.endswith("communautés d'énergie") for title in energie)
    # French writes the city without its accent: the accented query still finds it.
    assert {result["title"] for result in autocomplete(client, "fr", "Bogotá")} >= {"Bogota"}


@pytest.mark.parametrize(
    ("language_code", "partial", "whole"),
    [("fr", "énerg", "énergie"), ("fr", "energ", "énergie"), ("es", "energét", "energética")],
)
def test_a_word_typed_half_way_finds_what_the_whole_word_finds(
    client, search_backend, language_code, partial, whole
):
    whole_titles = {result["title"] for result in autocomplete(client, language_code, whole)}
    partial_titles = {result["title"] for result in autocomplete(client, language_code, partial)}
    assert whole_titles
    assert whole_titles <= partial_titles


def test_on_an_engine_another_form_of_a_word_finds_it_through_its_stem(client, engine):
    """Engines stem, as their search does: "énergies" finds "…communautés d'énergie"."""
    singular = {result["title"] for result in autocomplete(client, "fr", "énergie")}
    plural = {result["title"] for result in autocomplete(client, "fr", "énergies")}
    assert singular and singular <= plural


def test_autocomplete_needs_every_word(client, search_backend):
    both = {result["title"] for result in autocomplete(client, "fr", "énergie communautés")}
    assert both and both <= starting_like("fr", "énergie communautés")
