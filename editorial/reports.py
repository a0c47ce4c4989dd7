"""What the secretariat watches: submissions awaiting review, stale pages, translation coverage,
and the content inventory. Each report reads the tree in a few queries, whatever its size."""

import dataclasses
import datetime
import unicodedata
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState, get_default_page_content_type

from cities.models import MemberCityPage, RegionalSectionPage
from core.tree import ancestor_paths

STALE_AFTER = datetime.timedelta(days=365)
OUTSIDE_REGIONS = _("Organisation pages")


class TreePlaces:
    """Where any page sits: its regional section and member city, by translation key, with one
    title for each (so a page in any language files under the same heading): the title in
    `locale` (a reader's language) if given and translated, else the default locale's."""

    def __init__(self, locale=None):
        default_locale_id = Locale.get_default().pk
        # Lower is preferred: the reader's language, then the default, then any other.
        preference = {default_locale_id: 1}
        if locale is not None:
            preference[locale.pk] = 0
        rank = {}
        self.kind_by_path = {}
        self.titles = {}
        region_type = ContentType.objects.get_for_model(RegionalSectionPage)
        rows = (
            Page.objects.type(RegionalSectionPage, MemberCityPage)
            .order_by("path")
            .values_list("path", "translation_key", "content_type_id", "locale_id", "title")
        )
        for path, key, content_type_id, locale_id, title in rows:
            kind = "region" if content_type_id == region_type.pk else "city"
            self.kind_by_path[path] = (kind, key)
            if preference.get(locale_id, 2) < rank.get(key, 3):
                rank[key] = preference.get(locale_id, 2)
                self.titles[key] = title

    def place(self, path: str) -> tuple:
        """(region key, city key) of the page at `path`; either may be None."""
        region = city = None
        for ancestor in ancestor_paths(path):
            kind, key = self.kind_by_path.get(ancestor, (None, None))
            if kind == "region":
                region = key
            elif kind == "city":
                city = key
        return region, city

    def title(self, key) -> str:
        return self.titles.get(key, "")


# Awaiting review --------------------------------------------------------------------------


@dataclasses.dataclass
class Submission:
    page: Page
    state: WorkflowState
    city: str


@dataclasses.dataclass
class RegionSubmissions:
    region: str
    submissions: list


def submissions_by_region(reader_locale=None) -> list[RegionSubmissions]:
    """Pages in a workflow, grouped by regional section (pages outside any region come last).
    Regions and cities are named in `reader_locale` where translated."""
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=get_default_page_content_type())
        .select_related("requested_by", "current_task_state__task", "workflow")
        .order_by("created_at")
    )
    pages = Page.objects.select_related("locale").in_bulk([int(s.object_id) for s in states])
    places = TreePlaces(reader_locale)
    groups = defaultdict(list)
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None:
            continue
        region, city = places.place(page.path)
        groups[region].append(Submission(page=page, state=state, city=places.title(city)))
    named = sorted(
        (RegionSubmissions(places.title(key), items) for key, items in groups.items() if key),
        key=lambda group: _sort_key(group.region),
    )
    if None in groups:
        named.append(RegionSubmissions(str(OUTSIDE_REGIONS), groups[None]))
    return named


# Stale pages -----------------------------------------------------------------------------


def stale_pages(now=None):
    """Live pages nobody has edited or published for twelve months, oldest first."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    return (
        Page.objects.live()
        .filter(depth__gt=1)
        .annotate(
            last_updated=Coalesce(
                "latest_revision_created_at", "last_published_at", "first_published_at"
            )
        )
        .filter(last_updated__lt=cutoff)
        .select_related("locale")
        .order_by(F("last_updated").asc(), "path")
    )


# Translation coverage --------------------------------------------------------------------


@dataclasses.dataclass
class Coverage:
    live: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.live / self.total) if self.total else 0


@dataclasses.dataclass
class CityCoverage:
    region: str
    city: str
    pages: int
    by_locale: list  # [(locale, Coverage)], in the order of `locales`


@dataclasses.dataclass
class CoverageTable:
    locales: list
    cities: list
    totals: list  # [(locale, Coverage)] over every city


def translation_coverage(reader_locale=None) -> CoverageTable:
    """For each member city and locale, the share of the city's pages (counted once across
    languages, by translation key) that have a live version in that locale. Regions and cities
    are named in `reader_locale` where translated."""
    locales = list(Locale.objects.order_by("pk"))
    places = TreePlaces(reader_locale)
    keys_by_city = defaultdict(set)
    live_by_city = defaultdict(lambda: defaultdict(set))
    region_of_city = {}
    rows = Page.objects.filter(depth__gt=1).values_list(
        "path", "translation_key", "locale_id", "live"
    )
    for path, key, locale_id, live in rows:
        region, city = places.place(path)
        if city is None:
            continue
        region_of_city[city] = region
        keys_by_city[city].add(key)
        if live:
            live_by_city[city][locale_id].add(key)
    cities = []
    for city, keys in keys_by_city.items():
        cities.append(
            CityCoverage(
                region=places.title(region_of_city[city]),
                city=places.title(city),
                pages=len(keys),
                by_locale=[
                    (locale, Coverage(len(live_by_city[city][locale.pk]), len(keys)))
                    for locale in locales
                ],
            )
        )
    cities.sort(key=lambda row: (_sort_key(row.region), _sort_key(row.city)))
    totals = [
        (
            locale,
            Coverage(
                sum(len(live_by_city[city][locale.pk]) for city in keys_by_city),
                sum(len(keys) for keys in keys_by_city.values()),
            ),
        )
        for locale in locales
    ]
    return CoverageTable(locales=locales, cities=cities, totals=totals)


def _sort_key(name: str) -> str:
    """Accents ignored, so that "Éthiopie" sorts among the E's of a French list."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


# Content inventory -----------------------------------------------------------------------

INVENTORY_COLUMNS = [
    ("id", _("ID")),
    ("title", _("Title")),
    ("type", _("Type")),
    ("language", _("Language")),
    ("region", _("Regional section")),
    ("city", _("Member city")),
    ("live", _("Live")),
    ("unpublished_changes", _("Unpublished changes")),
    ("in_review", _("In review")),
    ("first_published", _("First published")),
    ("last_published", _("Last published")),
    ("last_updated", _("Last updated")),
    ("stale", _("Stale")),
    ("path", _("Path")),
    ("translation_key", _("Translation key")),
]


def inventory_rows(now=None):
    """One dict per page (every locale), in tree order, keyed like INVENTORY_COLUMNS."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    places = TreePlaces()
    in_review = {
        int(object_id)
        for object_id in WorkflowState.objects.active()
        .filter(base_content_type=get_default_page_content_type())
        .values_list("object_id", flat=True)
    }
    pages = (
        Page.objects.filter(depth__gt=1)
        .select_related("locale")
        .annotate(
            last_updated=Coalesce(
                "latest_revision_created_at", "last_published_at", "first_published_at"
            )
        )
        .order_by("path")
    )
    for page in pages.iterator(chunk_size=500):
        region, city = places.place(page.path)
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        yield {
            "id": page.pk,
            "title": page.title,
            "type": str(model._meta.verbose_name) if model else "",
            "language": page.locale.language_code,
            "region": places.title(region),
            "city": places.title(city),
            "live": page.live,
            "unpublished_changes": page.has_unpublished_changes,
            "in_review": page.pk in in_review,
            "first_published": page.first_published_at,
            "last_published": page.last_published_at,
            "last_updated": page.last_updated,
            "stale": bool(page.live and page.last_updated and page.last_updated < cutoff),
            "path": page.url_path,
            "translation_key": page.translation_key,
        }
