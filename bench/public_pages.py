"""One page of each public type in a language, and the case library as visitors filter it: what the
page benchmark (bench/pages.py) loads and the query-count test (tests/test_query_counts.py)
renders."""

from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.models import CaseLibraryPage, InitiativePage, SolutionPage


def first_live(model, language: str) -> Page:
    locale = Locale.objects.get(language_code=language)
    return model.objects.live().public().filter(locale=locale).order_by("path").first()


def public_urls(language: str) -> dict[str, str]:
    """Page type: its URL."""
    library = first_live(CaseLibraryPage, language).url
    region = first_live(RegionalSectionPage, language)
    theme = first_live(InitiativePage, language).specific.themes.first().slug
    return {
        "home": first_live(HomePage, language).url,
        "standard page": first_live(StandardPage, language).url,
        "region": region.url,
        "city": first_live(MemberCityPage, language).url,
        "initiative": first_live(InitiativePage, language).url,
        "solution": first_live(SolutionPage, language).url,
        "case library": library,
        "case library, three filters": f"{library}?region={region.pk}&theme={theme}&status=ongoing",
        "case library, page 3": f"{library}?page=3",
    }
