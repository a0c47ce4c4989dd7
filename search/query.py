"""The public search: one language's engine index first, optionally every language, with facets.

The engine ranks; the case-study facets and filters are then counted on those hits in the database
(initiatives/filters.py), so the counts are exact and the same on every backend.
"""

import datetime
import difflib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.models import Locale, Page

from initiatives.filters import CaseStudyFilter, in_locale
from initiatives.models import InitiativePage, SolutionPage, Theme
from search.highlight import WORD, highlight
from search.index import database_backend, language_backend, ranked_ids, spelling_suggestion

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000
RESULTS_PER_PAGE = 10
SORTS = ("relevance", "newest")
TRUE_VALUES = {"1", "on", "true", "yes"}
RANKED_FIELDS = ("pk", "title", "locale_id", "translation_key", "first_published_at")


def normalise_query(raw: str) -> str:
    """Words only, lower-cased: visitors type phrases, not engine syntax, and operators such as
    AND, quotes or brackets must never reach an engine's query parser."""
    return " ".join(WORD.findall(raw.lower()))[:MAX_QUERY_LENGTH]


def description_of(page) -> str:
    """What a result shows under its title: the summary, else the description or introduction."""
    for name in ("summary", "search_description", "introduction"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return " ".join(text.split())
    return ""


@dataclass
class Hit:
    page: Page
    title: str
    summary: str
    language_code: str
    translation: Page | None = None  # the visitor's-language version of a foreign-language hit


@dataclass(frozen=True)
class Ranked:
    """What ranking, filtering and sorting read of a hit. Up to MAX_HITS of them are ranked, so
    they are plain rows; only the page of hits on show is loaded as pages (`hits_for`)."""

    pk: int
    title: str
    locale_id: int
    translation_key: uuid.UUID
    first_published_at: datetime.datetime | None


class SiteSearch:
    def __init__(self, params, language_code: str):
        self.params = params
        self.query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
        self.terms = normalise_query(self.query)
        self.sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        self.all_languages = params.get("all_languages", "").lower() in TRUE_VALUES
        self.locale = Locale.objects.get(language_code=language_code)
        self.degraded = False

    # Ranking -------------------------------------------------------------------------------

    def _rank(self, locale: Locale) -> list[Ranked]:
        queryset = Page.objects.live().public().filter(locale=locale)
        backend = language_backend(locale.language_code)
        ids = None
        if backend is not None:
            try:
                ids = ranked_ids(backend, self.terms, queryset, MAX_HITS)
            except Exception as error:  # noqa: BLE001 - any engine failure: answer from the database
                logger.warning("Search engine unavailable, using the database: %s", error)
                self.degraded = True
        if ids is None:
            ids = ranked_ids(database_backend(locale.language_code), self.terms, queryset, MAX_HITS)
        rows = Page.objects.filter(pk__in=ids).values_list(*RANKED_FIELDS)
        by_pk = {row[0]: Ranked(*row) for row in rows}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    @cached_property
    def ranked(self) -> list[Ranked]:
        if not self.terms:
            return []
        pages = self._rank(self.locale)
        if self.all_languages:
            seen = {page.translation_key for page in pages}
            for code, _name in settings.LANGUAGES:
                if code == self.locale.language_code:
                    continue
                other = Locale.objects.filter(language_code=code).first()
                for page in self._rank(other) if other else []:
                    if page.translation_key not in seen:
                        seen.add(page.translation_key)
                        pages.append(page)
        return pages

    # Facets and filters --------------------------------------------------------------------

    @cached_property
    def case_filter(self) -> CaseStudyFilter:
        own_ids = {page.pk for page in self.ranked if page.locale_id == self.locale.pk}
        preserved = {"q": self.query, "all_languages": "1" if self.all_languages else ""}
        return CaseStudyFilter(self.params, self.locale, within_ids=own_ids, preserved=preserved)

    @cached_property
    def filtered(self) -> list[Ranked]:
        if not self.case_filter.is_filtered:
            return self.ranked
        matching = self.case_filter.matching_ids()
        return [page for page in self.ranked if page.pk in matching]

    def ordered(self) -> list[Ranked]:
        if self.sort == "newest":
            return sorted(
                self.filtered,
                key=lambda page: (page.first_published_at is not None, page.first_published_at),
                reverse=True,
            )
        return self.filtered

    # Presentation --------------------------------------------------------------------------

    def page_of_hits(self, number):
        page_obj = Paginator(self.ordered(), RESULTS_PER_PAGE).get_page(number)
        page_obj.object_list = self.hits_for(page_obj.object_list)
        return page_obj

    def hits_for(self, ranked: list[Ranked]) -> list[Hit]:
        """Ranked pages ready to show, loaded with one query per page type, not one per hit."""
        pks = [item.pk for item in ranked]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=pks).specific()}
        return [self._hit(specific[pk]) for pk in pks if pk in specific]

    @cached_property
    def language_codes(self) -> dict[int, str]:
        return dict(Locale.objects.values_list("pk", "language_code"))

    def _hit(self, specific: Page) -> Hit:
        summary = description_of(specific)
        hit = Hit(
            page=specific,
            title=highlight(specific.title, self.terms),
            summary=highlight(summary[:400], self.terms),
            language_code=self.language_codes[specific.locale_id],
        )
        if specific.locale_id != self.locale.pk:
            hit.translation = specific.get_translation_or_none(self.locale)
            if hit.translation is not None and not hit.translation.live:
                hit.translation = None
        return hit

    def suggestion(self) -> str:
        """A spelling suggestion: the engine's, or, on the database backend, which has no
        suggester, the closest words of this language's page titles."""
        if not self.terms:
            return ""
        backend = language_backend(self.locale.language_code)
        if backend is not None and not self.degraded:
            try:
                return spelling_suggestion(backend, self.terms)
            except Exception as error:  # noqa: BLE001 - a missing suggestion is no reason to fail
                logger.warning("Spelling suggestion unavailable: %s", error)
        return self._title_suggestion()

    def _title_suggestion(self) -> str:
        vocabulary = {
            word.lower()
            for title in Page.objects.live()
            .filter(locale=self.locale)
            .values_list("title", flat=True)
            for word in WORD.findall(title)
            if len(word) > 3
        }
        corrected = []
        for term in self.terms.split():
            match = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
            corrected.append(match[0] if match else term)
        suggestion = " ".join(corrected)
        return suggestion if suggestion != self.terms else ""

    def popular_themes(self, limit: int = 6) -> list:
        counts = {}
        for model in (InitiativePage, SolutionPage):
            rows = (
                model.objects.live()
                .filter(locale=self.locale)
                .values("themes__slug")
                .annotate(n=Count("pk"))
            )
            for row in rows:
                if row["themes__slug"]:
                    counts[row["themes__slug"]] = counts.get(row["themes__slug"], 0) + row["n"]
        themes = {theme.slug: theme for theme in in_locale(Theme, self.locale)}
        ranked = sorted(counts, key=counts.get, reverse=True)[:limit]
        return [themes[slug] for slug in ranked if slug in themes]


def sort_links(search: SiteSearch) -> dict[str, str]:
    """Links to each sort order, keeping the query, language scope and filters."""
    return {sort: search.case_filter.url_with(sort=[sort]) for sort in SORTS}
