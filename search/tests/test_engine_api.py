"""The parts of Wagtail, its search backends and Django that search/ relies on without their being
documented. Each test fails, naming what changed, when an upgrade changes one of them.

- The engine's request body comes from the backend's query compiler (search/index.py
  `engine_query`), as Wagtail's private `_get_es_body` builds it.
- Requests go straight to the engine's client, whose calling convention the backend's
  `use_new_elasticsearch_api` names (search/index.py `engine_search`).
- The SQLite index's bulk rebuild deletes stale entries with Django's private
  `QuerySet._raw_delete` (search/backends/sqlite.py).
"""

import inspect

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.db.models.deletion import Collector
from elasticsearch import Elasticsearch
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search.backends.engines import Elasticsearch8Backend, OpenSearch3Backend
from search.index import engine_query

pytestmark = [pytest.mark.without_demo_content]

# Nothing is sent: building a backend and a lazy search opens no connection.
UNREACHABLE = {"URLS": ["http://127.0.0.1:1"], "INDEX": "engine_api_test_"}
BACKENDS = {"elasticsearch": Elasticsearch8Backend, "opensearch": OpenSearch3Backend}


@pytest.mark.parametrize("engine_name", BACKENDS)
@pytest.mark.parametrize("ordered", [False, True], ids=["by relevance", "ordered"])
def test_the_engine_query_is_the_one_wagtail_builds(engine_name, ordered):
    backend = BACKENDS[engine_name](UNREACHABLE)
    queryset = Page.objects.live().filter(depth__gt=1)
    if ordered:
        results = backend.search(
            "water", queryset.order_by("-first_published_at"), order_by_relevance=False
        )
    else:
        results = backend.search("water", queryset, operator="and")
    assert engine_query(results) == results._get_es_body(), (
        "Wagtail builds its engine request differently now: update search.index.engine_query"
    )


def test_each_engine_client_is_called_as_its_backend_says():
    assert Elasticsearch8Backend.use_new_elasticsearch_api is True
    assert OpenSearch3Backend.use_new_elasticsearch_api is False
    # The body's keys that search/ sends become the Elasticsearch client's arguments.
    parameters = inspect.signature(Elasticsearch.search).parameters
    sent = {"index", "query", "sort", "size", "from_", "post_filter", "aggs", "track_total_hits"}
    sent |= {"source", "stored_fields", "docvalue_fields", "filter_path"}
    assert sent <= set(parameters), sorted(sent - set(parameters))


def test_raw_delete_still_takes_the_connection_alias():
    parameters = list(inspect.signature(QuerySet._raw_delete).parameters)
    assert parameters == ["self", "using"], (
        f"QuerySet._raw_delete{parameters} changed: update search/backends/sqlite.py"
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS index only")
def test_index_entries_still_need_the_raw_delete():
    """The day QuerySet.delete() deletes index entries in one statement, use it instead."""
    stale = IndexEntry.objects.filter(object_id__in=["1"])
    assert not Collector(using=connection.alias, origin=stale).can_fast_delete(stale)
