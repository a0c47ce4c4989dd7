"""What a region's or city's page shows of its case studies: the first of them, how many there are,
and the case library filtered to the place. A count and one page, however many there are (the
cards' details come with the page: initiatives/components/case_list.html).

It lives here, not on the place's page model, because case studies belong to places and not the
other way round: cities is below initiatives (docs/architecture.md). The places' templates ask for
it with `{% place_case_studies %}` (initiatives/templatetags/case_study_tags.py).
"""

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.functional import cached_property
from wagtail.models import Page

from cities.models import MemberCityPage
from core import published
from core.visibility import visible
from initiatives.facets import place_facet
from initiatives.models import CaseLibraryPage
from initiatives.queries import case_studies_for_city, case_studies_under, live_case_studies

# A region or city page lists one page of its case studies; the case library has the rest.
CASE_STUDIES_SHOWN = 12


def case_studies_of_place(place: Page) -> QuerySet:
    """A city's: what it leads, then what it joins as a partner. A region's: those in its tree."""
    if isinstance(place, MemberCityPage):
        return case_studies_for_city(place)
    return case_studies_under(place)


class PlaceCaseStudies:
    """The listing of one region or member city."""

    def __init__(self, place: Page):
        self.place = place

    @cached_property
    def _listing(self) -> tuple[list[int], int]:
        """The shown case studies' ids and the count, found once per change to the published
        site: sorting and counting a region's thousands of case studies on every request would
        make the page's cost grow with them."""
        return published.cached("place-case-studies", self._find, self.place.pk)

    def _find(self) -> tuple[list[int], int]:
        case_studies = case_studies_of_place(self.place)
        shown = list(case_studies.values_list("pk", flat=True)[:CASE_STUDIES_SHOWN])
        return shown, case_studies.count()

    @cached_property
    def shown(self) -> QuerySet:
        return live_case_studies(self.place.locale_id).filter(pk__in=self._listing[0]).specific()

    @property
    def count(self) -> int:
        return self._listing[1]

    @cached_property
    def library_url(self) -> str | None:
        library = published.cached("library-url", self._library_url, self.place.locale_id)
        if library is None:
            return None
        param = place_facet(type(self.place)).param
        return f"{library}?{urlencode({param: self.place.pk})}"

    def _library_url(self) -> str | None:
        library = visible(CaseLibraryPage.objects.filter(locale_id=self.place.locale_id)).first()
        return library.url if library else None
