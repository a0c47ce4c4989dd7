"""What a search reads of each ranked hit: plain rows, not pages, since a thousand are ranked."""

import datetime
import uuid
from dataclasses import dataclass, fields

from wagtail.models import Locale, Page

from initiatives.facets import case_types_by_content_type
from initiatives.filters import FacetFacts
from initiatives.models import CaseStudyPage
from search.index import filter_columns

RANKED_FIELDS = ("pk", "locale_id", "translation_key", "first_published_at")


@dataclass
class Ranked:
    """What ranking, filtering and sorting read of a hit; only the page of hits on show is loaded
    as pages (`SiteSearch.hits_for`)."""

    pk: int
    locale_id: int
    # Read from an engine only when needed: the translation key to merge all languages' hits, the
    # date to sort by newest. Every byte of a thousand hits counts.
    translation_key: uuid.UUID | None = None
    first_published_at: datetime.datetime | None = None


class HitColumns:
    """Where an engine's page index keeps what a search reads of each hit (filter fields, which
    the engine returns from doc values): the Ranked fields, and the case studies' FacetFacts,
    whose fields are named as CaseStudyPage's filter fields."""

    FACT_FIELDS = tuple(field.name for field in fields(FacetFacts))

    def __init__(self, backend, *, translation_key=False, first_published_at=False):
        wanted = ["content_type"]
        wanted += ["translation_key"] if translation_key else []
        wanted += ["first_published_at"] if first_published_at else []
        self.page = filter_columns(backend, Page, wanted)
        self.facts_columns = filter_columns(backend, CaseStudyPage, self.FACT_FIELDS)
        self.case_study_types = set(case_types_by_content_type())
        self.names = sorted({*self.page.values(), *self.facts_columns.values()})

    def ranked(self, hit: dict, locale: Locale) -> Ranked:
        """The hit as a Ranked row; `locale` is the one searched (an index holds one language)."""
        ranked = Ranked(pk=hit["pk"], locale_id=locale.pk)
        if "translation_key" in self.page:
            ranked.translation_key = uuid.UUID(hit[self.page["translation_key"]][0])
        if published := hit.get(self.page.get("first_published_at")):
            ranked.first_published_at = datetime.datetime.fromisoformat(published[0])
        return ranked

    def facts(self, hit: dict) -> FacetFacts | None:
        """The facet values of a case-study hit; None for other pages. A list field (a tuple in
        FacetFacts) is read whole, as text; another, its one value, of the field's type."""
        if int(hit[self.page["content_type"]][0]) not in self.case_study_types:
            return None
        values = {}
        for field in fields(FacetFacts):
            read = hit.get(self.facts_columns[field.name], ())
            if field.default == ():
                values[field.name] = tuple(str(value) for value in read)
            else:
                values[field.name] = field.type(read[0])
        return FacetFacts(**values)
