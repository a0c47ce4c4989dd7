"""The public search page on the embedded database backend: results, facets, sorting, paging,
autocomplete, and bad input that never causes an error."""

import json

import pytest
from django.utils.html import escape

from initiatives.models import InitiativePage, SolutionPage

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script>'


def test_results_are_in_the_visitors_language_with_highlighted_titles(client, locales):
    response = client.get("/fr/search/", {"q": "Barcelone"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in content
    assert "<mark>Barcelone</mark>" in content
    assert "/en/" not in content.split('class="search-results"')[1].split("</ol>")[0]


def test_facets_filter_results_and_each_filter_can_be_removed(client, locales):
    response = client.get("/en/search/", {"q": "water", "type": "solution"})
    content = response.content.decode()
    results = content.split('class="search-results"')[1].split("</ol>")[0]
    solutions = {page.title for page in SolutionPage.objects.live().filter(locale=locales["en"])}
    initiatives = {
        page.title for page in InitiativePage.objects.live().filter(locale=locales["en"])
    }
    assert any(
        escape(title) in results.replace("<mark>", "").replace("</mark>", "") for title in solutions
    )
    assert not any(
        f">{escape(title)}<" in results.replace("<mark>", "").replace("</mark>", "")
        for title in initiatives - solutions
    )
    assert "Remove filter: Shared solutions" in content
    assert "q=water" in content.split("Remove filter: Shared solutions")[0].rsplit('href="', 1)[1]


def test_sorting_by_newest_and_paging(client):
    first = client.get("/en/search/", {"q": "city", "sort": "newest"})
    second = client.get("/en/search/", {"q": "city", "sort": "newest", "page": 2})
    assert first.status_code == second.status_code == 200
    assert "Page 2 of" in second.content.decode()
    assert first.content != second.content


def test_nothing_found_offers_a_suggestion_and_popular_themes(client):
    content = client.get("/en/search/", {"q": "barcelonna"}).content.decode()
    assert "Did you mean <a" in content and ">barcelona</a>?" in content
    assert "Popular themes" in content


def test_autocomplete_returns_json_in_the_visitors_language(client, locales):
    response = client.get("/es/search/autocomplete/", {"q": "Barcel"})
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert data["results"]
    assert all(result["url"].startswith("/es/") for result in data["results"])
    assert "Barcelona" in [result["title"] for result in data["results"]]


def test_autocomplete_ignores_too_short_or_hostile_input(client):
    for query in ("", "a", PAYLOAD, "((("):
        response = client.get("/en/search/autocomplete/", {"q": query})
        assert response.status_code == 200
        assert PAYLOAD not in response.content.decode()


def test_search_page_works_without_javascript(client):
    content = client.get("/en/search/", {"q": "water"}).content.decode()
    assert (
        '<form class="search-page-form" role="search" action="/en/search/" method="get">' in content
    )
    assert 'role="combobox"' in content and 'aria-controls="search-page-suggestions"' in content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10000},
        {"q": 'water AND "quoted (bracket] OR -not *'},
        {"q": "🏙️ 水 القاهرة ciudad"},
        {"q": PAYLOAD},
        {"q": "water", "theme": PAYLOAD, "region": "999999", "sdg": "99"},
        {"q": "water", "page": "-1"},
        {"q": "water", "page": str(10**9)},
        {"q": "water", "sort": PAYLOAD, "all_languages": PAYLOAD},
    ],
)
def test_bad_input_gets_a_normal_page(client, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    assert PAYLOAD not in response.content.decode()


def test_unknown_locale_is_a_404(client):
    response = client.get("/xx/search/", {"q": "water"}, follow=True)
    assert response.status_code == 404


def test_language_switcher_keeps_the_query(client):
    content = client.get("/fr/search/", {"q": "eau potable"}).content.decode()
    assert 'href="/en/search/?q=eau+potable"' in content
    assert 'href="/es/search/?q=eau+potable"' in content


def test_city_results_show_their_introduction_highlighted(client):
    content = client.get("/en/search/", {"q": "Dakar"}).content.decode()
    results = content.split('class="search-results"')[1].split("</ol>")[0]
    assert results.count("<mark>Dakar</mark>") >= 2
