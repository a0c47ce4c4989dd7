"""Combinable filters and facet counts for the case library.

Every dimension is counted against the other active filters, so each count says how many results the
visitor would get by adding that value. Unknown values are ignored and reported, never a 500.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage
from initiatives.models import (
    CaseStudyStatus,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)
from initiatives.queries import CASE_STUDY_MODELS, live_case_studies

FILTER_PARAMS = ("region", "city", "theme", "sdg", "status", "type")
CASE_TYPES = {"initiative": InitiativePage, "solution": SolutionPage}
# What the filters read of a region or city: its labels, its subtree and its translations.
PLACE_FIELDS = ("title", "path", "depth", "translation_key", "locale")


def in_locale(model, locale: Locale) -> list:
    """Each canonical record of a translatable snippet, in `locale` where it is translated."""
    canonical = model.objects.filter(locale=Locale.get_default())
    translations = {
        item.translation_key: item
        for item in model.objects.filter(
            locale=locale, translation_key__in=canonical.values("translation_key")
        )
    }
    return [translations.get(item.translation_key, item) for item in canonical]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool
    url: str  # the listing with this value toggled, all other filters kept


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class ActiveFilter:
    param: str
    label: str
    remove_url: str


class CaseStudyFilter:
    def __init__(self, params, locale: Locale, within_ids=None, preserved=None):
        """`within_ids` limits everything to those pages (a search's hits); `preserved` names query
        parameters that every generated link keeps (such as the search query)."""
        self.locale = locale
        self.params = params
        self.within_ids = within_ids
        self.preserved = preserved or {}
        self.ignored: list[str] = []
        self.regions = {
            str(page.pk): page
            for page in RegionalSectionPage.objects.live()
            .filter(locale=locale)
            .only(*PLACE_FIELDS)
            .order_by("path")
        }
        self.cities = {
            str(page.pk): page
            for page in MemberCityPage.objects.live()
            .filter(locale=locale)
            .only(*PLACE_FIELDS)
            .order_by("title")
        }
        self.themes = {theme.slug: theme for theme in in_locale(Theme, locale)}
        self.sdgs = {
            str(goal.number): goal for goal in in_locale(SustainableDevelopmentGoal, locale)
        }
        self.statuses = dict(CaseStudyStatus.choices)
        self.types = {"initiative": _("Initiatives"), "solution": _("Shared solutions")}
        self.selected = {param: self._read(param) for param in FILTER_PARAMS}
        # Private sections, read once: `.public()` would read them again for every facet query.
        self.private = Page.objects.private_q()

    # Reading the query string ------------------------------------------------------------

    def _known_values(self, param):
        return {
            "region": self.regions,
            "city": self.cities,
            "theme": self.themes,
            "sdg": self.sdgs,
            "status": self.statuses,
            "type": self.types,
        }[param]

    def _read(self, param) -> list[str]:
        known = self._known_values(param)
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

    def _condition(self, param, values) -> Q:
        """One dimension's condition on a concrete case-study model: values of a dimension are ORed."""
        condition = Q()
        for value in values:
            if param == "region":
                condition |= Q(path__startswith=self.regions[value].path)
            elif param == "city":
                city = self.cities[value]
                condition |= Q(path__startswith=city.path) | Q(
                    partner_cities__translation_key=city.translation_key
                )
            elif param == "theme":
                condition |= Q(themes__slug=value)
            elif param == "sdg":
                condition |= Q(sdgs__number=int(value))
            elif param == "status":
                condition |= Q(status=value)
        return condition

    def _model_querysets(self, exclude: str | None = None) -> list[QuerySet]:
        """Per concrete model, the live case studies matching every active filter but `exclude`."""
        selected_types = [] if exclude == "type" else self.selected["type"]
        querysets = []
        for model in CASE_STUDY_MODELS:
            if selected_types and model not in [CASE_TYPES[t] for t in selected_types]:
                continue
            queryset = model.objects.live().exclude(self.private).filter(locale=self.locale)
            if self.within_ids is not None:
                queryset = queryset.filter(pk__in=self.within_ids)
            for param in FILTER_PARAMS:
                if param in ("type", exclude) or not self.selected[param]:
                    continue
                queryset = queryset.filter(self._condition(param, self.selected[param]))
            querysets.append(queryset)
        return querysets

    @cached_property
    def hits(self) -> "HitFacets | None":
        """A search's hits with their facet values, filtered and counted in memory."""
        return HitFacets(self) if self.within_ids is not None else None

    def matching_ids(self) -> set[int]:
        if self.hits is not None:
            return self.hits.matching_ids(self.selected)
        return self._matching_ids_in_database()

    def _matching_ids_in_database(self) -> set[int]:
        ids = set()
        for queryset in self._model_querysets():
            ids.update(queryset.values_list("pk", flat=True))
        return ids

    def results(self) -> QuerySet:
        return live_case_studies(self.locale).filter(pk__in=self.matching_ids()).specific()

    def paginate(self, page_number, per_page: int):
        return Paginator(self.results(), per_page).get_page(page_number)

    # Facets --------------------------------------------------------------------------------

    def _count_by(self, param) -> dict[str, int]:
        if self.hits is not None:
            return self.hits.count_by(param, self.selected)
        return self._count_in_database(param)

    def _count_in_database(self, param) -> dict[str, int]:
        counts: dict[str, int] = {}

        def add(key, number):
            if key is not None and number:
                counts[str(key)] = counts.get(str(key), 0) + number

        for queryset in self._model_querysets(exclude=param):
            if param == "type":
                # distinct: the partner-city condition joins a row per partner
                add(
                    queryset.model._meta.model_name.removesuffix("page"),
                    queryset.distinct().count(),
                )
            elif param in ("region", "city"):
                add_by_ancestor = self.regions if param == "region" else self.cities
                depth = next(iter(add_by_ancestor.values())).depth if add_by_ancestor else 0
                prefix_length = depth * Page.steplen
                pages_by_path = {page.path: key for key, page in add_by_ancestor.items()}
                rows = (
                    queryset.annotate(prefix=Substr("path", 1, prefix_length))
                    .values("prefix")
                    .annotate(n=Count("pk", distinct=True))
                )
                for row in rows:
                    add(pages_by_path.get(row["prefix"]), row["n"])
                if param == "city":
                    keys_by_translation = {
                        str(city.translation_key): key for key, city in self.cities.items()
                    }
                    rows = (
                        queryset.exclude(partner_cities=None)
                        .values("partner_cities__translation_key")
                        .annotate(n=Count("pk", distinct=True))
                    )
                    for row in rows:
                        key = keys_by_translation.get(str(row["partner_cities__translation_key"]))
                        add(key, row["n"])
            else:
                lookup = {"theme": "themes__slug", "sdg": "sdgs__number", "status": "status"}[param]
                for row in queryset.values(lookup).annotate(n=Count("pk", distinct=True)):
                    add(row[lookup], row["n"])
        return counts

    def _labels(self, param) -> dict[str, str]:
        known = self._known_values(param)
        if param in ("region", "city"):
            return {key: page.title for key, page in known.items()}
        if param == "theme":
            return {key: theme.name for key, theme in known.items()}
        if param == "sdg":
            return {key: str(goal) for key, goal in known.items()}
        return {key: str(label) for key, label in known.items()}

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

    def facets(self) -> list[Facet]:
        headings = {
            "type": _("Type"),
            "region": _("Region"),
            "city": _("City"),
            "theme": _("Theme"),
            "sdg": _("Sustainable Development Goal"),
            "status": _("Status"),
        }
        facets = []
        for param in ("type", "region", "city", "theme", "sdg", "status"):
            counts = self._count_by(param)
            facet = Facet(param=param, label=headings[param])
            for value, label in self._labels(param).items():
                count = counts.get(value, 0)
                active = value in self.selected[param]
                if count or active:
                    facet.options.append(
                        FacetOption(value, label, count, active, self.toggled_url(param, value))
                    )
            facets.append(facet)
        return facets

    def active_filters(self) -> list[ActiveFilter]:
        active = []
        for param in FILTER_PARAMS:
            labels = self._labels(param)
            for value in self.selected[param]:
                active.append(ActiveFilter(param, labels[value], self.toggled_url(param, value)))
        return active

    @property
    def is_filtered(self) -> bool:
        return any(self.selected.values())


class HitFacets:
    """The facet values of a search's hits (up to a thousand), read in four queries per case-study
    type, so that filtering and the six facets' counts are worked out in memory instead of in a
    dozen SQL queries that each carry every hit's id. The rules are CaseStudyFilter's (a dimension's
    values are ORed, dimensions are ANDed, each facet is counted without its own filter); a test
    checks both ways give the same answers."""

    RELATIONS = {
        "theme": "themes__slug",
        "sdg": "sdgs__number",
        "city": "partner_cities__translation_key",
    }

    def __init__(self, case_filter: CaseStudyFilter):
        regions = _by_path(case_filter.regions)
        cities = _by_path(case_filter.cities)
        cities_by_translation = {
            str(city.translation_key): key for key, city in case_filter.cities.items()
        }
        self.values: dict[int, dict[str, set[str]]] = {}
        for model in CASE_STUDY_MODELS:
            queryset = (
                model.objects.live()
                .exclude(case_filter.private)
                .filter(locale=case_filter.locale, pk__in=case_filter.within_ids)
            )
            case_type = model._meta.model_name.removesuffix("page")
            for pk, path, status in queryset.values_list("pk", "path", "status"):
                self.values[pk] = {
                    "type": {case_type},
                    "status": {status},
                    "region": _ancestors(path, regions),
                    "city": _ancestors(path, cities),
                    "theme": set(),
                    "sdg": set(),
                }
            for param, lookup in self.RELATIONS.items():
                rows = queryset.filter(**{f"{lookup}__isnull": False}).values_list("pk", lookup)
                for pk, value in rows:
                    if param == "city":
                        value = cities_by_translation.get(str(value))
                    if value is not None:
                        self.values[pk][param].add(str(value))

    @staticmethod
    def _matches(values, selected, exclude=None) -> bool:
        return all(
            values[param].intersection(chosen)
            for param, chosen in selected.items()
            if chosen and param != exclude
        )

    def matching_ids(self, selected) -> set[int]:
        return {pk for pk, values in self.values.items() if self._matches(values, selected)}

    def count_by(self, param, selected) -> dict[str, int]:
        counts = Counter()
        for values in self.values.values():
            if self._matches(values, selected, exclude=param):
                counts.update(values[param])
        return dict(counts)


def _by_path(pages: dict[str, Page]) -> dict[str, str]:
    return {page.path: key for key, page in pages.items()}


def _ancestors(path: str, keys_by_path: dict[str, str]) -> set[str]:
    """The keys of the pages in `keys_by_path` that are `path` or above it in the tree."""
    return {
        keys_by_path[path[:end]]
        for end in range(Page.steplen, len(path) + 1, Page.steplen)
        if path[:end] in keys_by_path
    }
