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
from initiatives.queries import case_studies_for_city, case_studies_under

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
    def case_studies(self) -> QuerySet:
        return case_studies_of_place(self.place)

    @cached_property
    def shown(self):
        return self.case_studies[:CASE_STUDIES_SHOWN]

    @cached_property
    def count(self) -> int:
        return self.case_studies.count()

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
