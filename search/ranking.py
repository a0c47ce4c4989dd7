"""What a search reads of each ranked hit: plain rows, not pages, since a thousand are ranked."""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from initiatives.filters import CASE_TYPES, FacetFacts
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
    the engine returns from doc values): the Ranked fields, and the case studies' facet values."""

    CASE_STUDY_FIELDS = ("path", "status", "theme_slugs", "sdg_numbers", "partner_city_keys")

    def __init__(self, backend, *, translation_key=False, first_published_at=False):
        wanted = ["content_type"]
        wanted += ["translation_key"] if translation_key else []
        wanted += ["first_published_at"] if first_published_at else []
        self.page = filter_columns(backend, Page, wanted)
        self.case_types = {
            ContentType.objects.get_for_model(model).pk: (
                case_type,
                filter_columns(backend, model, self.CASE_STUDY_FIELDS),
            )
            for case_type, model in CASE_TYPES.items()
        }
        names = set(self.page.values())
        for _case_type, columns in self.case_types.values():
            names.update(columns.values())
        self.names = sorted(names)

    def ranked(self, hit: dict, locale: Locale) -> Ranked:
        """The hit as a Ranked row; `locale` is the one searched (an index holds one language)."""
        ranked = Ranked(pk=hit["pk"], locale_id=locale.pk)
        if "translation_key" in self.page:
            ranked.translation_key = uuid.UUID(hit[self.page["translation_key"]][0])
        if published := hit.get(self.page.get("first_published_at")):
            ranked.first_published_at = datetime.datetime.fromisoformat(published[0])
        return ranked

    def facts(self, hit: dict) -> FacetFacts | None:
        """The facet values of a case-study hit; None for other pages."""
        content_type = int(hit[self.page["content_type"]][0])
        if content_type not in self.case_types:
            return None
        case_type, columns = self.case_types[content_type]
        return FacetFacts(
            case_type=case_type,
            path=hit[columns["path"]][0],
            status=hit[columns["status"]][0],
            theme_slugs=tuple(hit.get(columns["theme_slugs"], ())),
            sdg_numbers=tuple(str(number) for number in hit.get(columns["sdg_numbers"], ())),
            partner_city_keys=tuple(hit.get(columns["partner_city_keys"], ())),
        )
