"""The database backend in each language, with the exact results on each database.

PostgreSQL indexes every page with its locale's text-search configuration and searches with the
visitor's (search/backends/postgres.py): it stems each language and folds accents. SQLite's FTS5
folds case and accents for every language alike and does not stem. The suite runs on SQLite by
default; `make test-postgres` runs these tests on a real PostgreSQL server (scripts/postgres).

The test pages live in a member city made for the test, and each search is limited to them.
"""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import translation
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search.backends.database import create_text_search_configurations
from search.index import database_backend
from search.query import SiteSearch

from .conftest import build_test_city

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]

FLOOD = "Flood defences for riverside homes"
SCHOOLS = "Solar roofs on public schools"
INONDATION = "Plan de prévention contre l'inondation"
EAU = "Gestion de l'eau potable dans les quartiers"
VIVIENDA = "Programa municipal de vivienda asequible"
ENERGIA = "Energía solar en Bogotá"

TEXTS = {
    "en": [
        ("flood", FLOOD, "Levees protect the houses along the river."),
        ("schools", SCHOOLS, "Panels on every school roof."),
    ],
    "fr": [
        ("inondation", INONDATION, "Digues et alertes précoces."),
        ("eau", EAU, "Réseau et bornes-fontaines."),
    ],
    "es": [
        ("vivienda", VIVIENDA, "Alquiler social en el centro."),
        ("energia", ENERGIA, "Techos solares en colegios públicos."),
    ],
}


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def test_city(locales):
    return build_test_city(locales, TEXTS)


@pytest.fixture
def postgres(db):
    if not on_postgres():
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://… (see `make test-postgres`)")


def site_search(language, query, fixture):
    """Search as a visitor of `language` on the public search, keeping the fixture's pages."""
    allowed = {page.pk for page in fixture["pages"].values()}
    params = QueryDict(mutable=True)
    params["q"] = query
    with translation.override(language):
        search = SiteSearch(params, language)
        ids = [page.pk for page in search.ranked if page.pk in allowed]
        return sorted(Page.objects.filter(pk__in=ids).values_list("title", flat=True))


def pages_of(fixture, language):
    return Page.objects.filter(
        pk__in=[page.pk for (code, _key), page in fixture["pages"].items() if code == language]
    )


def titles(results):
    return sorted(page.title for page in results)


# (language, query, on PostgreSQL, on SQLite)
CASES = [
    # Stemming: another form of the word finds the page on PostgreSQL only.
    ("en", "flooding", [FLOOD], []),
    ("en", "house", [FLOOD], []),
    ("en", "panel", [SCHOOLS], []),
    ("fr", "inondations", [INONDATION], []),
    ("fr", "quartier", [EAU], []),
    ("es", "viviendas", [VIVIENDA], []),
    # The word as written is found everywhere.
    ("en", "flood", [FLOOD], [FLOOD]),
    ("fr", "inondation", [INONDATION], [INONDATION]),
    ("es", "vivienda", [VIVIENDA], [VIVIENDA]),
    # Elision: "l'eau" is "eau".
    ("fr", "l'eau potable", [EAU], [EAU]),
    ("fr", "eau", [EAU], [EAU]),
    # Accents and case folded in both directions.
    ("es", "energia bogota", [ENERGIA], [ENERGIA]),
    ("es", "ENERGÍA Bogotá", [ENERGIA], [ENERGIA]),
    ("fr", "prevention", [INONDATION], [INONDATION]),
    # Each language searches only its own pages.
    ("fr", "flood", [], []),
    ("en", "vivienda", [], []),
]


def test_the_public_search_in_each_language(test_city):
    """Every case at once (building the test city takes seconds), compared as a whole."""
    column = 2 if on_postgres() else 3
    expected = {(case[0], case[1]): case[column] for case in CASES}
    found = {
        (language, query): site_search(language, query, test_city) for language, query, *_ in CASES
    }
    assert found == expected


@pytest.mark.postgres
def test_each_page_is_indexed_with_its_languages_configuration(postgres, test_city):
    """The title's lexemes show the configuration: French, English and Spanish stems, unaccented."""

    def title_lexemes(key):
        page = test_city["pages"][key]
        entry = IndexEntry.objects.get(object_id=str(page.pk), content_type=page.content_type)
        return sorted(re.findall(r"'([^']+)'", str(entry.title)))

    assert title_lexemes(("fr", "inondation")) == ["contr", "inond", "plan", "prevent"]
    assert title_lexemes(("fr", "eau")) == ["eau", "gestion", "le", "potabl", "quarti"]
    assert title_lexemes(("en", "flood")) == ["defenc", "flood", "home", "riversid"]
    assert title_lexemes(("es", "vivienda")) == ["asequ", "municipal", "program", "viviend"]
    assert title_lexemes(("es", "energia")) == ["bogot", "energi", "sol"]


@pytest.mark.postgres
def test_a_page_is_matched_only_through_its_own_languages_configuration(postgres, test_city):
    backend = database_backend()
    french, spanish = pages_of(test_city, "fr"), pages_of(test_city, "es")
    # French stems "quartier" and "quartiers" alike ("quarti"); English keeps "quartier".
    assert titles(backend.for_language("fr").search("quartier", french)) == [EAU]
    assert titles(backend.for_language("en").search("quartier", french)) == []
    # Spanish stems "viviendas" to "viviend"; English only to "vivienda".
    assert titles(backend.for_language("es").search("viviendas", spanish)) == [VIVIENDA]
    assert titles(backend.for_language("en").search("viviendas", spanish)) == []


@pytest.mark.postgres
def test_without_a_language_every_configuration_is_tried(postgres, test_city):
    """The admin searches every locale at once: each page matches in its own language."""
    backend = database_backend()
    allowed = Page.objects.filter(pk__in=[page.pk for page in test_city["pages"].values()])
    assert titles(backend.search("inondations", allowed)) == [INONDATION]
    assert titles(backend.search("viviendas", allowed)) == [VIVIENDA]
    assert titles(backend.search("flooding", allowed)) == [FLOOD]
    assert titles(backend.search("quartier", allowed)) == [EAU]


@pytest.mark.postgres
def test_autocomplete_folds_accents_without_stemming(postgres, test_city):
    backend = database_backend()
    spanish = pages_of(test_city, "es")
    assert titles(backend.autocomplete("bogo", spanish)) == [ENERGIA]
    assert titles(backend.autocomplete("energi", spanish)) == [ENERGIA]
    assert titles(backend.autocomplete("viviendas", spanish)) == []


@pytest.mark.postgres
def test_text_search_configurations_are_created_once(postgres):
    assert create_text_search_configurations() == []  # made by `migrate` already
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'metropolis%%' ORDER BY cfgname"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "metropolis_english",
            "metropolis_french",
            "metropolis_simple",
            "metropolis_spanish",
        ]
        cursor.execute("SELECT to_tsvector('metropolis_french', 'Les écoles de São Paulo')::text")
        assert cursor.fetchone()[0] == "'ecol':2 'le':1 'paulo':5 'sao':4"
