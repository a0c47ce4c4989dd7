"""The database's search answers within its time budget, in Wagtail's order, and says when it
lists only some of the matches (search/bounded.py)."""

import pytest
from django.db import connection
from wagtail.models import Page

from core.visibility import visible
from search.bounded import OutOfTime, ranked_matches, time_limit
from search.index import database_backend

pytestmark = pytest.mark.django_db

# Words found in many demo pages, in English and in French.
BROAD = {"en": "city", "fr": "ville"}
# A statement that runs for minutes on either database.
SLOW = (
    "WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter "
    "WHERE n < 1000000000) SELECT count(*) FROM counter"
)


def pages(locales, language):
    return visible(Page.objects.filter(locale=locales[language]))


@pytest.mark.parametrize("terms", ["water", "city", "waste management", "solar energy"])
def test_the_ranking_is_wagtails_own(locales, terms):
    backend = database_backend("en")
    queryset = pages(locales, "en")
    expected = [page.pk for page in backend.search(terms, queryset, operator="and")[:100]]
    assert expected, "the demo content has pages for each query"
    assert ranked_matches(backend, terms, queryset, 100).ids == expected


def test_past_the_cap_the_matches_are_partial(locales):
    backend = database_backend("en")
    queryset = pages(locales, "en")
    every = ranked_matches(backend, BROAD["en"], queryset, 1000)
    assert not every.partial
    assert len(every.ids) > 5

    first = ranked_matches(backend, BROAD["en"], queryset, 5)
    assert first.partial
    assert first.ids == every.ids[:5]


@pytest.mark.without_demo_content
def test_a_statement_past_its_time_limit_is_stopped(db):
    with pytest.raises(OutOfTime), time_limit(0.2), connection.cursor() as cursor:
        cursor.execute(SLOW)
    with connection.cursor() as cursor:  # the connection still answers
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.without_demo_content
def test_a_statement_within_its_time_limit_leaves_no_limit_behind(db):
    with time_limit(5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("0",)
        cursor.execute("SELECT 2")  # SQLite: no progress handler is left to interrupt it
        assert cursor.fetchone() == (2,)


def test_out_of_time_the_search_page_says_it_lists_only_some_matches(client, monkeypatch):
    monkeypatch.setenv("SEARCH_DATABASE_BUDGET", "0")  # no time at all
    response = client.get("/fr/search/", {"q": BROAD["fr"]})
    assert response.status_code == 200
    assert response.context["search"].partial
    content = response.content.decode()
    assert "a pris trop de temps" in content  # nothing found in no time at all: said so
    assert "Aucun résultat ne correspond" not in content


def test_with_time_to_spare_the_search_page_lists_every_match(client):
    response = client.get("/fr/search/", {"q": BROAD["fr"]})
    assert response.status_code == 200
    assert not response.context["search"].partial
    assert response.context["page_obj"].paginator.count > 5
    assert "seules certaines" not in response.content.decode()


def test_out_of_time_autocomplete_suggests_nothing(client, monkeypatch):
    assert client.get("/en/search/autocomplete/", {"q": "wat"}).json()["results"]
    monkeypatch.setenv("SEARCH_DATABASE_BUDGET", "0")
    response = client.get("/en/search/autocomplete/", {"q": "wat"})
    assert response.status_code == 200
    assert response.json() == {"results": []}
