"""Filtering, facet counts and paging done by the engine, in the request that ranks.

A visitor's search in their own language asks the engine for one page of hits, the number of hits
that pass the filters (`post_filter`), and, for each facet, how many hits each of its values would
give with the other filters applied (a `filters` aggregation inside a `filter` aggregation): the
rules of CaseStudyFilter (a dimension's values are ORed, dimensions are ANDed, each facet is
counted without its own filter), over every hit rather than the first thousand. Only the page on
show is read from the database.

Searching all languages at once merges each language's ranking by translation key, which the
engine cannot do; that, and the database fallback, count over the ranked hits in memory instead
(search/query.py, initiatives/filters.py HitFacets). A test checks that both give the same counts.
"""

from wagtail.models import Page

from initiatives.facets import FACETS, Facet
from initiatives.filters import CaseStudyFilter
from initiatives.models import CaseStudyPage
from search.index import engine_query, engine_search, filter_columns
from search.ranking import Ranked

# Engines page through at most this many hits (Elasticsearch's and OpenSearch's default
# `index.max_result_window`); later pages are not offered.
MAX_WINDOW = 10_000


class FacetClauses:
    """The engine's filters and counters for the facets of `case_filter`, as each facet declares
    them (initiatives/facets.py): the index fields it filters and counts on, and the index values
    that stand for its values. The case studies' fields are CaseStudyPage's, one column each."""

    def __init__(self, backend, case_filter: CaseStudyFilter):
        self.case_filter = case_filter
        fields = {field for facet in FACETS for field in facet.index_fields}
        self.columns = filter_columns(backend, CaseStudyPage, fields)
        self._keys = {
            (facet.param, field): facet.index_values(field, case_filter.known_values(facet.param))
            for facet in FACETS
            for field in facet.index_fields
        }

    def clause(self, facet: Facet, values: list[str]) -> dict:
        """Documents having any of a facet's `values` in any of its fields."""
        clauses = []
        for field in facet.index_fields:
            keys = [key for key, value in self._keys[facet.param, field].items() if value in values]
            clauses.append({"terms": {self.columns[field]: keys}})
        return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}

    def counters(self, facet: Facet) -> dict:
        """A terms aggregation per field the facet's values are read from, limited to the values
        on offer; a case study is counted in one field only (see PlaceFacet)."""
        counters = {}
        for field in facet.index_fields:
            keys = list(self._keys[facet.param, field])
            if keys:
                column = self.columns[field]
                counters[column] = {"terms": {"field": column, "include": keys, "size": len(keys)}}
        return counters

    def value_of(self, facet: Facet, column: str, key) -> str | None:
        """The facet value an index value counted in `column` stands for."""
        field = next(name for name, named in self.columns.items() if named == column)
        return self._keys[facet.param, field].get(str(key))

    def active(self, exclude: Facet | None = None) -> list[dict]:
        """A clause per active facet but `exclude`: all of them must match."""
        selected = self.case_filter.selected
        return [
            self.clause(facet, selected[facet.param])
            for facet in FACETS
            if selected[facet.param] and facet is not exclude
        ]


class EngineFacetedSearch:
    """One language's hits, filtered, counted and paged by the engine. Behaves as the sequence
    Django's Paginator pages: `count()` and slices of ranked page ids."""

    def __init__(self, backend, results, case_filter: CaseStudyFilter, sort: str, per_page: int):
        """`results` is the backend's lazy search (what to match, in which pages); the first page
        of hits and every count are fetched now, so an unreachable engine fails here. `counts`
        holds each facet's counts, for the filter to show (`CaseStudyFilter.with_counts`)."""
        self.locale_id = case_filter.locale.pk
        self.backend = backend
        self.results = results
        self.clauses = FacetClauses(backend, case_filter)
        self.sort = sort
        self.index = backend.get_index_for_model(Page).name
        self.published = filter_columns(backend, Page, ["first_published_at"])["first_published_at"]
        response = self._search(0, per_page, aggregations=True)
        total = response["hits"]["total"]["value"]
        self.total = min(total, MAX_WINDOW)
        self.window = (0, min(per_page, self.total), self._ids(response))
        self.counts = self._counts(response.get("aggregations", {}))

    def _search(self, start: int, size: int, aggregations=False) -> dict:
        body = engine_query(self.results)
        body["size"] = size
        body["from"] = start
        filters = self.clauses.active()
        if filters:
            body["post_filter"] = {"bool": {"filter": filters}}
        if self.sort == "newest":
            body["sort"] = [{self.published: {"order": "desc", "missing": "_last"}}, "_score"]
        if aggregations:
            body["aggs"] = self._aggregations()
            body["track_total_hits"] = True
        return engine_search(
            self.backend,
            body,
            index=self.index,
            _source=False,
            stored_fields="_none_",
            docvalue_fields=["pk"],
            filter_path=["hits.total", "hits.hits.fields", "aggregations"],
        )

    def _aggregations(self) -> dict:
        """Per facet, its values' counts among the hits that pass the other facets' filters."""
        return {
            facet.param: {
                "filter": {"bool": {"filter": self.clauses.active(exclude=facet)}},
                "aggs": self.clauses.counters(facet),
            }
            for facet in FACETS
        }

    def _counts(self, aggregations: dict) -> dict[str, dict[str, int]]:
        counts = {}
        for facet in FACETS:
            counts[facet.param] = counted = {}
            for name, counter in aggregations.get(facet.param, {}).items():
                if not isinstance(counter, dict) or "buckets" not in counter:
                    continue  # the filter's own doc_count
                for bucket in counter["buckets"]:
                    value = self.clauses.value_of(facet, name, bucket["key"])
                    if value is not None and bucket["doc_count"]:
                        counted[value] = counted.get(value, 0) + bucket["doc_count"]
        return counts

    @staticmethod
    def _ids(response: dict) -> list[int]:
        return [int(hit["fields"]["pk"][0]) for hit in response["hits"].get("hits", [])]

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Ranked]:
        start, stop = window.start or 0, min(window.stop, self.total)
        if (start, stop) != self.window[:2]:
            if stop <= start:
                return []
            self.window = (start, stop, self._ids(self._search(start, stop - start)))
        return [Ranked(pk=pk, locale_id=self.locale_id) for pk in self.window[2]]
