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

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from initiatives.filters import CASE_TYPES, FILTER_PARAMS, CaseStudyFilter
from search.index import engine_query, engine_search, filter_columns
from search.ranking import Ranked

# Engines page through at most this many hits (Elasticsearch's and OpenSearch's default
# `index.max_result_window`); later pages are not offered.
MAX_WINDOW = 10_000
CASE_STUDY_FIELDS = ("status", "theme_slugs", "sdg_numbers", "partner_city_keys", "ancestor_paths")


class FacetClauses:
    """How a facet value matches a case study's document: one home for the filters and the
    counts. Wagtail prefixes the fields a page type adds with the type's name, so a field can have
    a column per case-study type, and a clause matches any of them."""

    def __init__(self, backend, case_filter: CaseStudyFilter):
        self.case_filter = case_filter
        self.content_type = filter_columns(backend, Page, ["content_type"])["content_type"]
        self.type_ids = {
            case_type: ContentType.objects.get_for_model(model).pk
            for case_type, model in CASE_TYPES.items()
        }
        self._key_cache: dict[tuple[str, str], dict] = {}
        self.columns: dict[str, set[str]] = {name: set() for name in CASE_STUDY_FIELDS}
        for model in CASE_TYPES.values():
            for name, column in filter_columns(backend, model, CASE_STUDY_FIELDS).items():
                self.columns[name].add(column)

    def _terms(self, field: str, values: list) -> dict:
        clauses = [{"terms": {column: values}} for column in sorted(self.columns[field])]
        return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}

    def clause(self, param: str, values: list[str]) -> dict:
        """Documents matching any of a dimension's `values`."""
        places = {"region": self.case_filter.regions, "city": self.case_filter.cities}
        if param == "type":
            return {"terms": {self.content_type: [self.type_ids[value] for value in values]}}
        if param == "status":
            return self._terms("status", values)
        if param == "theme":
            return self._terms("theme_slugs", values)
        if param == "sdg":
            return self._terms("sdg_numbers", values)
        in_tree = self._terms("ancestor_paths", [places[param][value].path for value in values])
        if param == "region":
            return in_tree
        # A city's case studies are those under it and those naming it as a partner.
        keys = [str(places[param][value].translation_key) for value in values]
        return {"bool": {"should": [in_tree, self._terms("partner_city_keys", keys)]}}

    # Counting: a terms aggregation per column a facet's values are read from, limited to the
    # values on offer. A city counts the case studies under it and those naming it as a partner;
    # the two never overlap, since a case study cannot name its own city as a partner
    # (initiatives/forms.py).

    COUNTED_FIELDS = {
        "status": ["status"],
        "theme": ["theme_slugs"],
        "sdg": ["sdg_numbers"],
        "region": ["ancestor_paths"],
        "city": ["ancestor_paths", "partner_city_keys"],
    }

    def _keys(self, param: str, field: str) -> dict:
        """Each index value the facet counts, with the facet value it stands for."""
        if (param, field) not in self._key_cache:
            self._key_cache[param, field] = self._index_values(param, field)
        return self._key_cache[param, field]

    def _index_values(self, param: str, field: str) -> dict:
        known = self.case_filter.known_values(param)
        if param == "type":
            return {self.type_ids[value]: value for value in known}
        if field == "ancestor_paths":
            return {place.path: value for value, place in known.items()}
        if field == "partner_city_keys":
            return {str(place.translation_key): value for value, place in known.items()}
        return {value: value for value in known}

    def counters(self, param: str) -> dict:
        columns = (
            [("type", self.content_type)]
            if param == "type"
            else [
                (field, column)
                for field in self.COUNTED_FIELDS[param]
                for column in sorted(self.columns[field])
            ]
        )
        counters = {}
        for field, column in columns:
            keys = list(self._keys(param, field))
            if keys:
                size = len(keys)
                counters[column] = {"terms": {"field": column, "include": keys, "size": size}}
        return counters

    def value_of(self, param: str, column: str, key) -> str | None:
        if param == "type":
            return self._keys(param, "type").get(key)
        field = next(name for name, columns in self.columns.items() if column in columns)
        return self._keys(param, field).get(str(key))

    def active(self, exclude: str | None = None) -> list[dict]:
        """A clause per active dimension but `exclude`: all of them must match."""
        return [
            self.clause(param, values)
            for param, values in self.case_filter.selected.items()
            if values and param != exclude
        ]


class EngineFacetedSearch:
    """One language's hits, filtered, counted and paged by the engine. Behaves as the sequence
    Django's Paginator pages: `count()` and slices of ranked page ids."""

    def __init__(self, backend, results, case_filter: CaseStudyFilter, sort: str, per_page: int):
        """`results` is the backend's lazy search (what to match, in which pages); the first page
        of hits and every count are fetched now, so an unreachable engine fails here."""
        self.case_filter = case_filter
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
        case_filter.counts = self._counts(response.get("aggregations", {}))

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
            param: {
                "filter": {"bool": {"filter": self.clauses.active(exclude=param)}},
                "aggs": self.clauses.counters(param),
            }
            for param in FILTER_PARAMS
        }

    def _counts(self, aggregations: dict) -> dict[str, dict[str, int]]:
        counts = {}
        for param, aggregation in aggregations.items():
            counts[param] = {}
            for name, counter in aggregation.items():
                if not isinstance(counter, dict) or "buckets" not in counter:
                    continue  # the filter's own doc_count
                for bucket in counter["buckets"]:
                    value = self.clauses.value_of(param, name, bucket["key"])
                    if value is not None and bucket["doc_count"]:
                        counts[param][value] = counts[param].get(value, 0) + bucket["doc_count"]
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
