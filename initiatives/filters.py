"""Combinable filters and facet counts for the case library.

Every dimension is counted against the other active filters, so each count says how many results the
visitor would get by adding that value. Unknown values are ignored and reported, never a 500.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage
from core.tree import ancestor_paths
from core.visibility import private_sections_q, visible
from initiatives.models import (
    CaseStudyPage,
    CaseStudyStatus,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)
from initiatives.queries import live_case_studies

FILTER_PARAMS = ("region", "city", "theme", "sdg", "status", "type")
CASE_TYPES = {model.case_type: model for model in (InitiativePage, SolutionPage)}


def case_types_by_content_type() -> dict[int, str]:
    """The `type` value of each case-study content type (cached by Django after the first call)."""
    return {
        ContentType.objects.get_for_model(model).pk: case_type
        for case_type, model in CASE_TYPES.items()
    }


@dataclass(frozen=True)
class Place:
    """What the filters read of a region or city: its label, its subtree and its translations.
    Every search lists them all, so they are rows, not pages."""

    title: str
    path: str
    depth: int
    translation_key: uuid.UUID


def places(model, locale: Locale, order: str) -> dict[str, Place]:
    """The live regions or cities of a language, by their id as the query string gives it."""
    rows = (
        visible(model.objects.filter(locale=locale))
        .order_by(order)
        .values_list("pk", *(field.name for field in fields(Place)))
    )
    return {str(pk): Place(*values) for pk, *values in rows}


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
    def __init__(self, params, locale: Locale, within_ids=None, preserved=None, hit_facts=None):
        """`within_ids` limits everything to those pages (a search's hits), and `hit_facts`, when
        the engine returned them, gives their case studies' facet values; `preserved` names query
        parameters that every generated link keeps (such as the search query)."""
        self.locale = locale
        self.params = params
        self.within_ids = within_ids
        self.hit_facts = hit_facts
        self.preserved = preserved or {}
        self.ignored: list[str] = []
        self.regions = places(RegionalSectionPage, locale, "path")
        self.cities = places(MemberCityPage, locale, "title")
        default = Locale.get_default()
        self.themes = {theme.slug: theme for theme in Theme.live_in_locale(locale, default)}
        self.sdgs = {
            str(goal.number): goal
            for goal in SustainableDevelopmentGoal.live_in_locale(locale, default)
        }
        self.statuses = dict(CaseStudyStatus.choices)
        self.types = {"initiative": _("Initiatives"), "solution": _("Shared solutions")}
        self.selected = {param: self._read(param) for param in FILTER_PARAMS}
        # Each facet's counts, when the engine worked them out (search/faceting.py).
        self.counts: dict[str, dict[str, int]] | None = None

    @cached_property
    def private(self):
        """Private sections, read once: `.public()` would read them again for every facet query."""
        return private_sections_q()

    # Reading the query string ------------------------------------------------------------

    def known_values(self, param):
        return {
            "region": self.regions,
            "city": self.cities,
            "theme": self.themes,
            "sdg": self.sdgs,
            "status": self.statuses,
            "type": self.types,
        }[param]

    def _read(self, param) -> list[str]:
        known = self.known_values(param)
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
        """One dimension's condition on the case studies: values of a dimension are ORed."""
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

    def _queryset(self, exclude: str | None = None) -> QuerySet:
        """The live case studies matching every active filter but `exclude`."""
        queryset = visible(CaseStudyPage.objects.filter(locale=self.locale), self.private)
        if exclude != "type" and self.selected["type"]:
            queryset = queryset.type(*(CASE_TYPES[value] for value in self.selected["type"]))
        if self.within_ids is not None:
            queryset = queryset.filter(pk__in=self.within_ids)
        for param in FILTER_PARAMS:
            if param in ("type", exclude) or not self.selected[param]:
                continue
            queryset = queryset.filter(self._condition(param, self.selected[param]))
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
        return live_case_studies(self.locale).filter(pk__in=self.matching_ids()).specific()

    def paginate(self, page_number, per_page: int):
        return Paginator(self.results(), per_page).get_page(page_number)

    # Facets --------------------------------------------------------------------------------

    def _count_by(self, param) -> dict[str, int]:
        if self.counts is not None:
            return self.counts.get(param, {})
        if self.hits is not None:
            return self.hits.count_by(param, self.selected)
        return self._count_in_database(param)

    def _count_in_database(self, param) -> dict[str, int]:
        counts: dict[str, int] = {}

        def add(key, number):
            if key is not None and number:
                counts[str(key)] = counts.get(str(key), 0) + number

        queryset = self._queryset(exclude=param)
        if param == "type":
            case_types = case_types_by_content_type()
            # distinct: the partner-city condition joins a row per partner
            for row in queryset.values("content_type").annotate(n=Count("pk", distinct=True)):
                add(case_types.get(row["content_type"]), row["n"])
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
        known = self.known_values(param)
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

    def clear_url(self) -> str:
        """The listing without any filter, keeping what is not a filter (a search's query)."""
        return self.url_with(**{param: [] for param in FILTER_PARAMS})

    def shown_facets(self) -> list[Facet]:
        """The facets with something to choose (a value found, or one selected to remove)."""
        return [facet for facet in self.facets() if facet.options]

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


@dataclass(frozen=True)
class FacetFacts:
    """What the facets read of one case study: from the database (`facts_from_database`), or as an
    engine returns them with a search's hits (search/query.py)."""

    case_type: str  # a key of CASE_TYPES
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
    case_types = case_types_by_content_type()
    return {
        pk: FacetFacts(
            case_types[content_type],
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
        foreign = any(not _in_tree(fact.path, case_filter.language_root) for fact in facts.values())
        regions = _by_path(case_filter.regions, RegionalSectionPage if foreign else None)
        cities = _by_path(case_filter.cities, MemberCityPage if foreign else None)
        cities_by_translation = {
            str(city.translation_key): key for key, city in case_filter.cities.items()
        }
        self.values: dict[int, dict[str, set[str]]] = {}
        for pk, fact in facts.items():
            partners = {
                cities_by_translation[key]
                for key in fact.partner_city_keys
                if key in cities_by_translation
            }
            self.values[pk] = {
                "type": {fact.case_type},
                "status": {fact.status},
                "region": _ancestors(fact.path, regions),
                "city": _ancestors(fact.path, cities) | partners,
                "theme": set(fact.theme_slugs),
                "sdg": set(fact.sdg_numbers),
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


def _by_path(places: dict[str, Place], model=None) -> dict[str, str]:
    """Each place's key by its path; with `model`, also by the paths of its live translations, so
    that another language's hit counts towards, and is kept by, the visitor's-language region or
    city it is in (a search of all languages)."""
    keys = {place.path: key for key, place in places.items()}
    if model is not None:
        by_translation = {place.translation_key: key for key, place in places.items()}
        rows = model.objects.live().filter(translation_key__in=list(by_translation))
        for path, translation_key in rows.values_list("path", "translation_key"):
            keys.setdefault(path, by_translation[translation_key])
    return keys


def _in_tree(path: str, root_path: str | None) -> bool:
    return root_path is not None and path.startswith(root_path)


def _ancestors(path: str, keys_by_path: dict[str, str]) -> set[str]:
    """The keys of the places in `keys_by_path` that are `path` or above it in the tree."""
    return {keys_by_path[path] for path in ancestor_paths(path) if path in keys_by_path}
