"""The six facets of the case library and of the search page, declared once.

Each facet says, for itself alone: its query-string name and heading, the values a visitor may
choose in a language (and their labels), the SQL condition and counts of the case studies that have
them, how they are read from a case study's `FacetFacts` (a search's hits, filtered in memory), and
which fields of the engine's index hold them. The case library and the search (initiatives/filters.py,
search/faceting.py, search/ranking.py) loop over `FACETS` and ask each facet; none of them knows a
facet by name.

The query string is read by CaseStudyFilter rather than a django-filter FilterSet: an unknown value
is dropped and reported while the others still apply, where a form field would reject the whole
parameter, and the counts are made per facet against the other facets' filters, which a FilterSet's
single queryset does not express.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage
from core.tree import ancestor_paths
from core.visibility import visible
from initiatives.models import (
    CaseStudyStatus,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)

CASE_TYPES = {model.case_type: model for model in (InitiativePage, SolutionPage)}


def case_types_by_content_type() -> dict[int, str]:
    """The case type of each case-study content type (cached by Django after the first call)."""
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


def count_rows(rows, value_by_key: dict[str, str], field: str) -> dict[str, int]:
    """Counts of `rows` (`field` and `n`), by the facet value each row's key stands for."""
    counts: dict[str, int] = {}
    for row in rows:
        value = value_by_key.get(str(row[field]))
        if value is not None and row["n"]:
            counts[value] = counts.get(value, 0) + row["n"]
    return counts


class Facet:
    """One dimension case studies are filtered and counted by. A dimension's values are ORed,
    dimensions are ANDed, and each facet is counted without its own filter.

    Values are strings, as the query string gives them; `known` is a facet's values in a language
    (`known_values`), each with what the facet reads of it (a place, a theme, a label)."""

    def __init__(self, param: str, heading: Promise):
        self.param = param
        self.heading = heading

    def known_values(self, locale: Locale, default: Locale) -> dict:
        raise NotImplementedError

    def label(self, item) -> str:
        return str(item)

    def condition(self, values: list[str], known: dict) -> Q:
        """The case studies having any of `values`."""
        raise NotImplementedError

    def count_in_database(self, queryset: QuerySet, known: dict) -> dict[str, int]:
        """How many of `queryset`'s case studies have each value."""
        raise NotImplementedError

    def reader(self, known: dict, all_languages: bool) -> Callable[[object], set[str]]:
        """A function giving a case study's values from its FacetFacts; `all_languages` when some
        are of other languages than `known`'s."""
        raise NotImplementedError

    # The engine's index: the filter fields of CaseStudyPage.search_fields a facet filters and
    # counts on, and, for each, the index values it counts.
    index_fields: tuple[str, ...] = ()

    def index_values(self, field: str, known: dict) -> dict[str, str]:
        """Each value `field` holds in the index that this facet counts, with the facet value it
        stands for."""
        raise NotImplementedError


class ChoiceFacet(Facet):
    """A value stored in one column of the case study: its status, or its type."""

    def __init__(self, param, heading, field: str, choices: Callable[[], dict]):
        super().__init__(param, heading)
        self.field = field
        self.index_fields = (field,)
        self.choices = choices

    def known_values(self, locale, default) -> dict:
        return self.choices()

    def stored(self, value: str):
        """The value as the column holds it."""
        return value

    def condition(self, values, known) -> Q:
        return Q(**{f"{self.field}__in": [self.stored(value) for value in values]})

    def count_in_database(self, queryset, known) -> dict[str, int]:
        # distinct: the partner-city condition joins a row per partner
        rows = queryset.values(self.field).annotate(n=Count("pk", distinct=True))
        return count_rows(rows, self.index_values(self.field, known), self.field)

    def reader(self, known, all_languages):
        by_stored = self.index_values(self.field, known)

        def values(fact) -> set[str]:
            value = by_stored.get(str(getattr(fact, self.field)))
            return set() if value is None else {value}

        return values

    def index_values(self, field, known) -> dict[str, str]:
        return {str(self.stored(value)): value for value in known}


class CaseTypeFacet(ChoiceFacet):
    """Initiatives or shared solutions: the case study's page type."""

    def stored(self, value: str) -> int:
        return ContentType.objects.get_for_model(CASE_TYPES[value]).pk


class TaxonomyFacet(Facet):
    """A taxonomy the case studies are tagged with (themes, goals), matched by a key."""

    def __init__(self, param, heading, model, key: str, relation: str, field: str):
        """`key` is the taxonomy's field the query string gives, `relation` the case study's
        relation to it, and `field` the case study's list of keys (FacetFacts and the index)."""
        super().__init__(param, heading)
        self.model = model
        self.key = key
        self.lookup = f"{relation}__{key}"
        self.field = field
        self.index_fields = (field,)

    def known_values(self, locale, default) -> dict:
        return {
            str(getattr(item, self.key)): item
            for item in self.model.live_in_locale(locale, default)
        }

    def condition(self, values, known) -> Q:
        return Q(**{f"{self.lookup}__in": values})

    def count_in_database(self, queryset, known) -> dict[str, int]:
        rows = queryset.values(self.lookup).annotate(n=Count("pk", distinct=True))
        return count_rows(rows, {value: value for value in known}, self.lookup)

    def reader(self, known, all_languages):
        return lambda fact: set(getattr(fact, self.field))

    def index_values(self, field, known) -> dict[str, str]:
        return {value: value for value in known}


class PlaceFacet(Facet):
    """A region or city: the case studies under it in the tree and, with `partners`, those naming
    it as a partner city. The two never overlap, since a case study cannot name its own city as a
    partner (initiatives/forms.py)."""

    def __init__(self, param, heading, model, order: str, partners: bool = False):
        super().__init__(param, heading)
        self.model = model
        self.order = order
        self.partners = partners
        self.index_fields = (
            ("ancestor_paths", "partner_city_keys") if partners else ("ancestor_paths",)
        )

    def known_values(self, locale, default) -> dict:
        return places(self.model, locale, self.order)

    def label(self, item: Place) -> str:
        return item.title

    def condition(self, values, known) -> Q:
        condition = Q()
        for value in values:
            condition |= Q(path__startswith=known[value].path)
        if self.partners:
            keys = [known[value].translation_key for value in values]
            condition |= Q(partner_cities__translation_key__in=keys)
        return condition

    def count_in_database(self, queryset, known) -> dict[str, int]:
        if not known:
            return {}
        # Every place of a facet is at one depth: a case study is under the place whose path
        # begins its own.
        prefix_length = next(iter(known.values())).depth * Page.steplen
        rows = (
            queryset.annotate(prefix=Substr("path", 1, prefix_length))
            .values("prefix")
            .annotate(n=Count("pk", distinct=True))
        )
        counts = count_rows(rows, self.index_values("ancestor_paths", known), "prefix")
        if self.partners:
            lookup = "partner_cities__translation_key"
            rows = (
                queryset.exclude(partner_cities=None)
                .values(lookup)
                .annotate(n=Count("pk", distinct=True))
            )
            by_key = self.index_values("partner_city_keys", known)
            for value, number in count_rows(rows, by_key, lookup).items():
                counts[value] = counts.get(value, 0) + number
        return counts

    def reader(self, known, all_languages):
        keys_by_path = self._by_path(known, all_languages)
        partners = self.index_values("partner_city_keys", known) if self.partners else {}

        def values(fact) -> set[str]:
            under = {
                keys_by_path[path] for path in ancestor_paths(fact.path) if path in keys_by_path
            }
            return under | {partners[key] for key in fact.partner_city_keys if key in partners}

        return values

    def _by_path(self, known: dict[str, Place], all_languages: bool) -> dict[str, str]:
        """Each place's value by its path; with `all_languages`, also by the paths of its live
        translations, so that another language's hit counts towards, and is kept by, the
        visitor's-language place it is in."""
        keys = {place.path: value for value, place in known.items()}
        if all_languages:
            by_translation = {place.translation_key: value for value, place in known.items()}
            rows = self.model.objects.live().filter(translation_key__in=list(by_translation))
            for path, translation_key in rows.values_list("path", "translation_key"):
                keys.setdefault(path, by_translation[translation_key])
        return keys

    def index_values(self, field, known) -> dict[str, str]:
        if field == "partner_city_keys":
            return {str(place.translation_key): value for value, place in known.items()}
        return {place.path: value for value, place in known.items()}


# In the order the filters panel shows them.
FACETS: tuple[Facet, ...] = (
    CaseTypeFacet(
        "type",
        _("Type"),
        field="content_type",
        choices=lambda: {"initiative": _("Initiatives"), "solution": _("Shared solutions")},
    ),
    PlaceFacet("region", _("Region"), RegionalSectionPage, order="path"),
    PlaceFacet("city", _("City"), MemberCityPage, order="title", partners=True),
    TaxonomyFacet("theme", _("Theme"), Theme, key="slug", relation="themes", field="theme_slugs"),
    TaxonomyFacet(
        "sdg",
        _("Sustainable Development Goal"),
        SustainableDevelopmentGoal,
        key="number",
        relation="sdgs",
        field="sdg_numbers",
    ),
    ChoiceFacet(
        "status", _("Status"), field="status", choices=lambda: dict(CaseStudyStatus.choices)
    ),
)
FILTER_PARAMS = tuple(facet.param for facet in FACETS)


def place_facet(model) -> PlaceFacet:
    """The facet that filters by places of `model`, a region or a member city."""
    return next(facet for facet in FACETS if isinstance(facet, PlaceFacet) and facet.model is model)
