"""The public search: one language's engine index first, optionally every language, with facets.

- In the visitor's language, with the engine up, the engine filters, counts the facets and pages
  the hits in the request that ranks them (search/faceting.py).
- With all languages, each language's engine ranks up to a thousand hits and returns with each
  what sorting and the facets read of it (search/ranking.py); the rankings are merged here, and the
  case-study filters and counts worked out in memory over the hits (initiatives/filters.py,
  HitFacets): over every hit listed, of every language, so that each count is the number of
  results its filter gives. On the database backend, the fallback, the same facts are read from
  the database.

Tests check that every way gives the same counts.
"""

import difflib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property
from wagtail.models import Locale, Page

from core import published
from core.text import first_text
from core.visibility import private_sections_q, visible
from initiatives.filters import CaseStudyFilter, FacetFacts
from initiatives.models import CaseStudyPage, Theme
from search import bounded, breaker
from search.analysis import strip_elisions
from search.faceting import EngineFacetedSearch
from search.highlight import WORD, highlight, shorten
from search.index import (
    database_backend,
    language_backend,
    ranked_hits,
    spelling_suggestion,
)
from search.ranking import RANKED_FIELDS, HitColumns, Ranked

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000
RESULTS_PER_PAGE = 10
SNIPPET_LENGTH = 400  # characters of a result's summary, cut at a word
SORTS = ("relevance", "newest")
TRUE_VALUES = {"1", "on", "true", "yes"}


def normalise_query(raw: str) -> str:
    """Words only, lower-cased: visitors type phrases, not engine syntax, and operators such as
    AND, quotes or brackets must never reach an engine's query parser."""
    return " ".join(WORD.findall(raw.lower()))[:MAX_QUERY_LENGTH]


def search_terms(raw: str, language_code: str) -> str:
    """The words to search for: without French elided articles ("l'eau" → "eau"), which the
    engines' elision filter would drop but the database backends' tokenizers keep as words."""
    return normalise_query(strip_elisions(raw, language_code))


def description_of(page) -> str:
    """What a result shows under its title, as plain text: the summary, else the description or
    introduction."""
    return first_text(page, ("summary", "search_description", "introduction"))


@dataclass
class Hit:
    page: Page
    title: str
    summary: str
    language_code: str
    translation: Page | None = None  # the visitor's-language version of a foreign-language hit


@dataclass(frozen=True)
class Ranking:
    """A search's ranked hits, with what the engines returned of the case studies among them."""

    hits: list[Ranked]
    # The case-study hits' facet values, as the engines return them with the ranking; None when
    # any language was ranked by the database, whose facts are then read from the database.
    facts: dict[int, FacetFacts] | None = None
    degraded: bool = False  # an engine failed and the database ranked instead
    # The database listed fewer than match: past its cap, or out of time (search/bounded.py).
    partial: bool = False


@dataclass(frozen=True)
class EngineAttempt:
    """The engine's filtered, counted and paged hits, or why there are none."""

    search: EngineFacetedSearch | None = None
    failed: bool = False


class SiteSearch:
    def __init__(self, params, language_code: str):
        self.params = params
        self.query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
        self.terms = search_terms(self.query, language_code)
        self.sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        self.all_languages = params.get("all_languages", "").lower() in TRUE_VALUES
        self.locale = Locale.objects.get(language_code=language_code)
        self.private = private_sections_q()
        # The database's time for this search, shared by every language it ranks.
        self.deadline = time.monotonic() + bounded.budget()

    # Ranking -------------------------------------------------------------------------------

    def _pages(self, locale: Locale):
        return visible(Page.objects.filter(locale=locale), self.private)

    @cached_property
    def selection(self) -> CaseStudyFilter:
        """The visitor's filters, as the engine applies them."""
        return CaseStudyFilter(self.params, self.locale, preserved=self.preserved)

    @cached_property
    def engine_attempt(self) -> EngineAttempt:
        """For a search in the visitor's language alone, the engine filters, counts and pages."""
        backend = language_backend(self.locale.language_code)
        if not self.terms or self.all_languages or backend is None:
            return EngineAttempt()
        results = backend.search(self.terms, self._pages(self.locale), operator="and")
        try:
            return EngineAttempt(
                breaker.call(
                    EngineFacetedSearch,
                    backend,
                    results,
                    self.selection,
                    self.sort,
                    RESULTS_PER_PAGE,
                )
            )
        except Exception as error:  # noqa: BLE001 - any engine failure: answer from the database
            logger.warning("Search engine unavailable, using the database: %s", error)
            return EngineAttempt(failed=True)

    @cached_property
    def engine_search(self) -> EngineFacetedSearch | None:
        return self.engine_attempt.search

    def _rank(self, locale: Locale, use_engine: bool) -> Ranking:
        queryset = self._pages(locale)
        backend = language_backend(locale.language_code) if use_engine else None
        if backend is not None:
            try:
                hits, facts = breaker.call(self._rank_on_engine, backend, queryset, locale)
                return Ranking(hits, facts)
            except Exception as error:  # noqa: BLE001 - any engine failure: answer from the database
                logger.warning("Search engine unavailable, using the database: %s", error)
        matches = bounded.ranked_matches(
            database_backend(locale.language_code),
            self.terms,
            queryset,
            MAX_HITS,
            seconds=max(self.deadline - time.monotonic(), 0),
        )
        rows = Page.objects.filter(pk__in=matches.ids).values_list(*RANKED_FIELDS)
        by_pk = {row[0]: Ranked(*row) for row in rows}
        return Ranking(
            [by_pk[pk] for pk in matches.ids if pk in by_pk],
            degraded=backend is not None,
            partial=matches.partial,
        )

    def _rank_on_engine(self, backend, queryset, locale: Locale):
        """The engine returns what ranking, sorting and the facets read of each hit with the hit,
        so none of it is read from the database."""
        columns = HitColumns(
            backend,
            translation_key=self.all_languages,
            first_published_at=self.sort == "newest",
        )
        hits = ranked_hits(backend, self.terms, queryset, MAX_HITS, columns.names)
        facts = {hit["pk"]: columns.facts(hit) for hit in hits}
        case_studies = {pk: fact for pk, fact in facts.items() if fact is not None}
        return [columns.ranked(hit, locale) for hit in hits], case_studies

    @cached_property
    def ranking(self) -> Ranking:
        if not self.terms:
            return Ranking([])
        rankings = [self._rank(self.locale, use_engine=not self.engine_attempt.failed)]
        pages = list(rankings[0].hits)
        if self.all_languages:
            seen = {page.translation_key for page in pages}
            for code, _name in settings.LANGUAGES:
                if code == self.locale.language_code:
                    continue
                other = Locale.objects.filter(language_code=code).first()
                if other is None:
                    continue
                degraded = any(ranking.degraded for ranking in rankings)
                rankings.append(self._rank(other, use_engine=not degraded))
                for page in rankings[-1].hits:
                    if page.translation_key not in seen:
                        seen.add(page.translation_key)
                        pages.append(page)
        facts = None
        if all(ranking.facts is not None for ranking in rankings):
            # only the hits listed, not the translations merged away
            listed = {page.pk for page in pages}
            every = {pk: fact for ranking in rankings for pk, fact in ranking.facts.items()}
            facts = {pk: fact for pk, fact in every.items() if pk in listed}
        return Ranking(
            pages,
            facts,
            degraded=any(ranking.degraded for ranking in rankings),
            partial=any(ranking.partial for ranking in rankings),
        )

    @property
    def ranked(self) -> list[Ranked]:
        return self.ranking.hits

    @property
    def hit_facts(self) -> dict[int, FacetFacts] | None:
        return self.ranking.facts

    @property
    def partial(self) -> bool:
        """Whether the database listed only some of the matches (search/bounded.py)."""
        return self.engine_search is None and self.ranking.partial

    @property
    def degraded(self) -> bool:
        """Whether an engine failed and the database answered instead."""
        if self.engine_attempt.failed:
            return True
        return self.engine_search is None and self.ranking.degraded

    # Facets and filters --------------------------------------------------------------------

    @property
    def preserved(self) -> dict[str, str]:
        """The parameters every filter, sort and page link keeps."""
        return {"q": self.query, "all_languages": "1" if self.all_languages else ""}

    @cached_property
    def case_filter(self) -> CaseStudyFilter:
        if self.engine_search is not None:
            return self.selection.with_counts(self.engine_search.counts)
        # Every hit listed, of every language searched: a facet counts, and its filter keeps, the
        # hits of other languages too, by the visitor's-language region or city they are in.
        listed = {page.pk for page in self.ranked}
        return CaseStudyFilter(
            self.params,
            self.locale,
            within_ids=listed,
            preserved=self.preserved,
            hit_facts=self.ranking.facts,
        )

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
        hits = self.engine_search if self.engine_search is not None else self.ordered()
        page_obj = Paginator(hits, RESULTS_PER_PAGE).get_page(number)
        page_obj.object_list = self.hits_for(page_obj.object_list)
        return page_obj

    def hits_for(self, ranked: list[Ranked]) -> list[Hit]:
        """Ranked pages ready to show, loaded with one query per page type, not one per hit."""
        pks = [item.pk for item in ranked]
        pages = Page.objects.filter(pk__in=pks).defer_streamfields().specific()
        specific = {page.pk: page for page in pages}
        return [self._hit(specific[pk]) for pk in pks if pk in specific]

    @cached_property
    def language_codes(self) -> dict[int, str]:
        return dict(Locale.objects.values_list("pk", "language_code"))

    def _hit(self, specific: Page) -> Hit:
        summary = description_of(specific)
        hit = Hit(
            page=specific,
            title=highlight(specific.title, self.terms),
            summary=highlight(shorten(summary, SNIPPET_LENGTH), self.terms),
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
                return breaker.call(self._engine_suggestion, backend)
            except Exception as error:  # noqa: BLE001 - a missing suggestion is no reason to fail
                logger.warning("Spelling suggestion unavailable: %s", error)
        return self._title_suggestion()

    def _engine_suggestion(self, backend) -> str:
        """The engine's suggester reads the words of every page in the index, restricted ones
        included: a suggestion is offered only when it finds a page the visitor may see, so that
        it never spells out the title of a page behind a password or a login."""
        suggestion = spelling_suggestion(backend, self.terms)
        if not suggestion:
            return ""
        found = backend.search(suggestion, self._pages(self.locale), operator="and")
        return suggestion if list(found[:1]) else ""

    def _title_vocabulary(self) -> set[str]:
        return {
            word.lower()
            for title in self._pages(self.locale).values_list("title", flat=True)
            for word in WORD.findall(title)
            if len(word) > 3
        }

    def _title_suggestion(self) -> str:
        # Every title of the language is read once per change to the site, not per search.
        vocabulary = published.cached("title-vocabulary", self._title_vocabulary, self.locale.pk)
        corrected = []
        for term in self.terms.split():
            match = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
            corrected.append(match[0] if match else term)
        suggestion = " ".join(corrected)
        return suggestion if suggestion != self.terms else ""

    def popular_themes(self, limit: int = 6) -> list:
        rows = (
            visible(CaseStudyPage.objects.filter(locale=self.locale), self.private)
            .values("themes__slug")
            .annotate(n=Count("pk"))
        )
        counts = {row["themes__slug"]: row["n"] for row in rows if row["themes__slug"]}
        themes = {theme.slug: theme for theme in Theme.live_in_locale(self.locale)}
        ranked = sorted(counts, key=counts.get, reverse=True)[:limit]
        return [themes[slug] for slug in ranked if slug in themes]


def sort_links(search: SiteSearch) -> dict[str, str]:
    """Links to each sort order, keeping the query, language scope and filters."""
    return {sort: search.case_filter.url_with(sort=[sort]) for sort in SORTS}
