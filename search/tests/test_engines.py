"""The same search behaviour on the database backend, Elasticsearch and OpenSearch."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from cities.models import MemberCityPage
from initiatives.models import InitiativePage
from search.analysis import AUTOCOMPLETE_QUERY, AUTOCOMPLETE_STEMMED
from search.index import language_backend_names, page_querysets_for

from .conftest import refresh

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]

WORD = "zanzibarquay"  # appears in no demo text


def search(backend, queryset, query, **kwargs):
    refresh(backend)
    return list(backend.search(query, queryset, **kwargs))


def new_initiative(locales, *, publish):
    city = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    page = InitiativePage(
        title=f"Harbour {WORD} pilot", slug=f"harbour-{WORD}", summary=f"A {WORD} quay pilot."
    )
    city.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


def test_index_is_created_with_the_project_settings(search_backend):
    if search_backend.engine_name == "database":
        assert IndexEntry.objects.count() > 500
        return
    indexes = search_backend.es.indices.get(index=f"{search_backend.index_prefix}*")
    assert indexes, "no index with the test prefix"
    for name, index in indexes.items():
        assert name.startswith(settings.SEARCH_INDEX_PREFIX)
        analyzers = index["settings"]["index"]["analysis"]["analyzer"]
        assert {"edgengram_analyzer", "ngram_analyzer"} <= set(analyzers)
        # Autocomplete is analysed as the index's language is (search/analysis.py).
        assert {AUTOCOMPLETE_QUERY, AUTOCOMPLETE_STEMMED} <= set(analyzers)
        assert "asciifolding" in analyzers[AUTOCOMPLETE_QUERY]["filter"]


def test_demo_content_is_found_by_its_title(search_backend, locales):
    page = InitiativePage.objects.live().filter(locale=locales["en"]).order_by("path").first()
    word = max(page.title.split(), key=len).strip(",.:;")
    results = search(search_backend, Page.objects.live().filter(locale=locales["en"]), word)
    assert page.page_ptr in results


def test_only_live_pages_are_found(search_backend, locales):
    draft = new_initiative(locales, publish=False)
    assert search(search_backend, Page.objects.live(), WORD) == []
    draft.save_revision().publish()
    assert search(search_backend, Page.objects.live(), WORD) == [draft.page_ptr]
    draft.delete()
    refresh(search_backend)


def test_unpublishing_removes_a_page_from_results(search_backend, locales):
    page = new_initiative(locales, publish=True)
    assert search(search_backend, Page.objects.live(), WORD) == [page.page_ptr]
    page.unpublish()
    assert search(search_backend, Page.objects.live(), WORD) == []
    page.delete()
    refresh(search_backend)


def test_locale_filter_keeps_each_language_apart(search_backend, locales):
    barcelona = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    city = barcelona.get_translation(locales["fr"])
    results = search(search_backend, Page.objects.live().filter(locale=locales["fr"]), "Barcelone")
    assert city.page_ptr in results
    assert {page.locale_id for page in results} == {locales["fr"].pk}


def test_autocomplete_finds_a_page_from_its_first_letters(search_backend, locales):
    city = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    refresh(search_backend)
    results = list(
        search_backend.autocomplete(
            "Barcel", MemberCityPage.objects.live().filter(locale=locales["en"])
        )
    )
    assert city in results


def test_facet_counts_match_the_results(search_backend, locales):
    queryset = InitiativePage.objects.live().filter(locale=locales["en"])
    refresh(search_backend)
    results = search_backend.search("city", queryset)
    facets = results.facet("status")
    hits = list(results)
    assert hits
    expected = {}
    for page in hits:
        expected[page.status] = expected.get(page.status, 0) + 1
    assert {key: value for key, value in facets.items() if value} == expected


def test_rebuild_search_shows_progress_and_its_rate(search_backend, locales):
    output = io.StringIO()
    call_command("rebuild_search", stdout=output)
    text = output.getvalue()

    assert re.search(r"Search indexes rebuilt: \d+ documents in [\d.]+ s \(\d+ documents/s\)", text)
    objects = sum(model.get_indexed_objects().count() for model in get_indexed_models())
    assert f"[{'#' * 30}] {objects}/{objects} objects" in text
    if search_backend.engine_name == "database":
        expected = {"database": objects}
    else:
        expected = {"site-wide": objects, "database fallback": objects}
    for code in language_backend_names():
        expected[code] = sum(queryset.count() for _model, queryset in page_querysets_for(code))
    for label, count in expected.items():
        assert f"  {label}: {count} documents" in text
    assert bool(language_backend_names()) == (search_backend.engine_name != "database")
