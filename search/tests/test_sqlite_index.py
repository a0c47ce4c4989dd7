"""The database fallback's SQLite index: rebuilt in bulk (search/backends/sqlite.py), with an FTS
table that only a change of its text rewrites (migration search 0002)."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from search.index import rebuild_all

from .conftest import build_test_city
from .test_database_backend import TEXTS

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db, pytest.mark.without_demo_content]

COLUMNS = ("content_type_id", "object_id", "title", "autocomplete", "body", "title_norm")


@pytest.fixture
def test_city(locales):
    return build_test_city(locales, TEXTS)


def entries():
    return sorted(IndexEntry.objects.values_list(*COLUMNS))


def test_a_bulk_rebuild_writes_the_entries_wagtail_does(test_city):
    rebuild_all()
    in_bulk = entries()

    # Wagtail's own way, object by object, into an empty table.
    backend = get_search_backend("default")
    IndexEntry.objects.all().delete()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        objects = list(model.get_indexed_objects())
        if objects:
            index.add_items(model, objects)
    index._refresh_title_norms(full=True)

    assert in_bulk == entries()
    assert any(TEXTS["fr"][0][1] in row[2] for row in in_bulk)  # the test pages are there


def test_only_a_change_of_text_rewrites_the_fts_row(test_city):
    page = test_city["pages"][("en", "flood")]
    entry = IndexEntry.objects.get(object_id=str(page.pk), title__contains="Flood")
    backend = get_search_backend("default")
    queryset = type(page).objects.filter(pk=page.pk)

    IndexEntry.objects.filter(pk=entry.pk).update(title_norm=0.5)
    assert fts_row(entry.pk) == (entry.title, entry.body)
    assert [hit.pk for hit in backend.search("riverside", queryset)] == [page.pk]

    IndexEntry.objects.filter(pk=entry.pk).update(title="Zanzibarquay flood defences")
    assert fts_row(entry.pk) == ("Zanzibarquay flood defences", entry.body)
    assert [hit.pk for hit in backend.search("zanzibarquay", queryset)] == [page.pk]
    assert list(backend.search("riverside", queryset)) == []


def fts_row(entry_id):
    with connection.cursor() as cursor:
        table = IndexEntry._meta.db_table
        cursor.execute(f"SELECT title, body FROM {table}_fts WHERE rowid = %s", [entry_id])  # noqa: S608
        return cursor.fetchone()
