"""Combinable filters and facet counts for the case library.

Every dimension is counted against the other active filters, so each count says how many results the
visitor would get by adding that value. Unknown values are ignored and reported, never a 500. The
facets themselves are declared in initiatives/facets.py.
"""

import copy
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from wagtail.models import Locale, Page

from core import published
from core.locales import default_locale
from core.visibility import private_sections_q, visible
from initiatives.facets import FACETS, FILTER_PARAMS, Facet
from initiatives.models import CaseStudyPage
from initiatives.queries import live_case_studies

__all__ = ["FILTER_PARAMS", "CaseStudyFilter", "FacetFacts", "HitFacets", "facts_from_database"]


class CountedPaginator(Paginator):
    """A paginator told its count, which the caller knows more cheaply than a COUNT query."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool
    url: str  # the listing with this value toggled, all other filters kept


@dataclass
class ShownFacet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class ActiveFilter:
    param: str
    label: str
    remove_url: str


def known_values(locale: Locale) -> dict[str, dict]:
    """The values each facet offers in `locale`, by parameter."""
    default = default_locale()
    return {facet.param: facet.known_values(locale, default) for facet in FACETS}


class CaseStudyFilter:
    def __init__(
        self, params, locale: Locale, within_ids=None, preserved=None, hit_facts=None, counts=None
    ):
        """`within_ids` limits everything to those pages (a search's hits), and `hit_facts`, when
        the engine returned them, gives their case studies' facet values; `counts`, each facet's
        counts when the engine worked them out (search/faceting.py); `preserved` names query
        parameters that every generated link keeps (such as the search query)."""
        self.locale = locale
        self.params = params
        self.within_ids = within_ids
        self.hit_facts = hit_facts
        self.counts: dict[str, dict[str, int]] | None = counts
        self.preserved = preserved or {}
        self.ignored: list[str] = []
        # The values each facet offers change only when something is published (core/published.py).
        self.known = published.cached("facet-values", lambda: known_values(locale), locale.pk)
        self.selected = {facet.param: self._read(facet.param) for facet in FACETS}

    def with_counts(self, counts: dict[str, dict[str, int]]) -> "CaseStudyFilter":
        """This filter, showing the engine's `counts` (search/faceting.py)."""
        counted = copy.copy(self)
        counted.counts = counts
        return counted

    @cached_property
    def private(self):
        """Private sections, read once: `.public()` would read them again for every facet query."""
        return private_sections_q()

    # Reading the query string ------------------------------------------------------------

    def known_values(self, param) -> dict:
        return self.known[param]

    def _read(self, param) -> list[str]:
        known = self.known[param]
        values = []
        for raw in self.params.getlist(param):
            value = raw.strip()[:100]
            if value in known:
                if value not in values:
                    values.append(value)
            elif value:
                self.ignored.append(value)
        return values

    # Querying ------------------------------------------------------------------------------

    def _queryset(self, exclude: str | None = None) -> QuerySet:
        """The live case studies matching every active filter but `exclude`."""
        queryset = visible(CaseStudyPage.objects.filter(locale=self.locale), self.private)
        if self.within_ids is not None:
            queryset = queryset.filter(pk__in=self.within_ids)
        for facet in FACETS:
            values = self.selected[facet.param]
            if values and facet.param != exclude:
                queryset = queryset.filter(facet.condition(values, self.known[facet.param]))
        return queryset

    @cached_property
    def hits(self) -> "HitFacets | None":
        """A search's hits with their facet values, filtered and counted in memory."""
        if self.within_ids is None:
            return None
        if self.hit_facts is None:
            facts = facts_from_database(self)
        else:  # the engine's facts of the hits listed (not of the translations merged away)
            facts = {pk: fact for pk, fact in self.hit_facts.items() if pk in self.within_ids}
        return HitFacets(self, facts)

    @cached_property
    def language_root(self) -> str | None:
        """The path of this language's home page, under which its regions and cities are."""
        root = Page.objects.filter(depth=2, locale=self.locale).values_list("path", flat=True)
        return root.first()

    def matching_ids(self) -> set[int]:
        if self.hits is not None:
            return self.hits.matching_ids(self.selected)
        return self._matching_ids_in_database()

    def _matching_ids_in_database(self) -> set[int]:
        return set(self._queryset().values_list("pk", flat=True))

    def results(self) -> QuerySet:
        # Without a search, the filters stay a subquery: the database sorts and slices one page
        # instead of Python loading every matching id (tens of thousands on a large site).
        matching = self.matching_ids() if self.hits is not None else self._queryset().values("pk")
        return live_case_studies(self.locale).filter(pk__in=matching).specific()

    def paginate(self, page_number, per_page: int):
        if self.hits is not None:  # a search's hits: already in memory
            return Paginator(self.results(), per_page).get_page(page_number)
        # Counted, and the page's case studies sorted out of all the matching ones, once per
        # change to the published site for each choice of filters; then read by id.
        count = published.cached(
            "library-count", lambda: self._queryset().count(), self.locale.pk, self._filter_key()
        )
        page = CountedPaginator(self.results(), per_page, count=count).get_page(page_number)
        ids = published.cached(
            "library-page",
            lambda: list(page.object_list.values_list("pk", flat=True)),
            self.locale.pk,
            self._filter_key(),
            page.number,
            per_page,
        )
        page.object_list = live_case_studies(self.locale).filter(pk__in=ids).specific()
        return page

    # Facets --------------------------------------------------------------------------------

    def _count_by(self, param) -> dict[str, int]:
        if self.counts is not None:
            return self.counts.get(param, {})
        if self.hits is not None:
            return self.hits.count_by(param, self.selected)
        return self._count_in_database(param)

    def _count_in_database(self, param) -> dict[str, int]:
        """Counted once per change to the published site for each choice of filters: the
        library's counts are the same for every visitor who picks the same filters."""
        facet = _facet(param)
        return published.cached(
            "facet-counts",
            lambda: facet.count_in_database(self._queryset(exclude=param), self.known[param]),
            self.locale.pk,
            param,
            self._filter_key(exclude=param),
        )

    def _filter_key(self, exclude: str | None = None) -> str:
        """The active filters but `exclude`, in a canonical order: a cache key's part."""
        selected = sorted(
            (name, sorted(values)) for name, values in self.selected.items() if name != exclude
        )
        return urlencode(selected, doseq=True)

    def _labels(self, facet: Facet) -> dict[str, str]:
        return {value: facet.label(item) for value, item in self.known[facet.param].items()}

    def url_with(self, **changes) -> str:
        """The query string with some parameters replaced; `page` always resets to the first."""
        query = {name: [value] for name, value in self.preserved.items() if value}
        query.update({param: list(values) for param, values in self.selected.items()})
        query.update(changes)
        if self.params.get("sort") and "sort" not in query:
            query["sort"] = [self.params.get("sort")]
        return "?" + urlencode([(k, v) for k, values in query.items() for v in values])

    def toggled_url(self, param, value) -> str:
        values = list(self.selected[param])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.url_with(**{param: values})

    def facets(self) -> list[ShownFacet]:
        facets = []
        for facet in FACETS:
            param = facet.param
            counts = self._count_by(param)
            shown = ShownFacet(param=param, label=facet.heading)
            for value, label in self._labels(facet).items():
                count = counts.get(value, 0)
                active = value in self.selected[param]
                if count or active:
                    shown.options.append(
                        FacetOption(value, label, count, active, self.toggled_url(param, value))
                    )
            facets.append(shown)
        return facets

    def clear_url(self) -> str:
        """The listing without any filter, keeping what is not a filter (a search's query)."""
        return self.url_with(**{param: [] for param in FILTER_PARAMS})

    def shown_facets(self) -> list[ShownFacet]:
        """The facets with something to choose (a value found, or one selected to remove)."""
        return [facet for facet in self.facets() if facet.options]

    def active_filters(self) -> list[ActiveFilter]:
        active = []
        for facet in FACETS:
            labels = self._labels(facet)
            for value in self.selected[facet.param]:
                remove_url = self.toggled_url(facet.param, value)
                active.append(ActiveFilter(facet.param, labels[value], remove_url))
        return active

    @property
    def is_filtered(self) -> bool:
        return any(self.selected.values())


def _facet(param: str) -> Facet:
    return next(facet for facet in FACETS if facet.param == param)


@dataclass(frozen=True)
class FacetFacts:
    """What the facets read of one case study: from the database (`facts_from_database`), or as an
    engine returns them with a search's hits (search/query.py)."""

    content_type: int  # the page type's, one of initiatives.facets.CASE_TYPES
    path: str
    status: str
    theme_slugs: tuple[str, ...] = ()
    sdg_numbers: tuple[str, ...] = ()
    partner_city_keys: tuple[str, ...] = ()  # the partner cities' translation keys


RELATED_FACTS = {
    "theme_slugs": "themes__slug",
    "sdg_numbers": "sdgs__number",
    "partner_city_keys": "partner_cities__translation_key",
}


def facts_from_database(case_filter: "CaseStudyFilter") -> dict[int, FacetFacts]:
    """The facts of the filter's live, public case studies among its `within_ids` (of any language:
    a search of all languages lists other languages' hits too), in four queries."""
    queryset = visible(
        CaseStudyPage.objects.filter(pk__in=case_filter.within_ids), case_filter.private
    )
    related = {name: {} for name in RELATED_FACTS}
    for name, lookup in RELATED_FACTS.items():
        rows = queryset.filter(**{f"{lookup}__isnull": False}).values_list("pk", lookup)
        for pk, value in rows:
            related[name].setdefault(pk, []).append(str(value))
    return {
        pk: FacetFacts(
            content_type,
            path,
            status,
            **{name: tuple(values.get(pk, ())) for name, values in related.items()},
        )
        for pk, path, status, content_type in queryset.values_list(
            "pk", "path", "status", "content_type"
        )
    }


class HitFacets:
    """A search's case-study hits (up to a thousand) with their facet values, so that filtering
    and the six facets' counts are worked out in memory instead of in a dozen SQL queries that each
    carry every hit's id. The rules are CaseStudyFilter's (a dimension's values are ORed, dimensions
    are ANDed, each facet is counted without its own filter); a test checks both ways give the same
    answers."""

    def __init__(self, case_filter: CaseStudyFilter, facts: dict[int, FacetFacts]):
        root = case_filter.language_root
        foreign = any(root is None or not fact.path.startswith(root) for fact in facts.values())
        readers = {
            facet.param: facet.reader(case_filter.known[facet.param], all_languages=foreign)
            for facet in FACETS
        }
        self.values: dict[int, dict[str, set[str]]] = {
            pk: {param: read(fact) for param, read in readers.items()} for pk, fact in facts.items()
        }

    def _failed(self, selected) -> dict[int, set[str]]:
        """For each hit, the active filters it does not match. A hit counts towards a facet when it
        fails no filter but, at most, that facet's own; worked out once per set of filters."""
        key = tuple((param, tuple(chosen)) for param, chosen in selected.items())
        if getattr(self, "_failed_key", None) != key:
            active = [(param, set(chosen)) for param, chosen in selected.items() if chosen]
            self._failed_by_hit = {
                pk: {param for param, chosen in active if not values[param] & chosen}
                for pk, values in self.values.items()
            }
            self._failed_key = key
        return self._failed_by_hit

    def matching_ids(self, selected) -> set[int]:
        return {pk for pk, failed in self._failed(selected).items() if not failed}

    def count_by(self, param, selected) -> dict[str, int]:
        counts = Counter()
        for pk, failed in self._failed(selected).items():
            if not failed or failed == {param}:
                counts.update(self.values[pk][param])
        return dict(counts)
