from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from core import published
from core.locales import active_locale
from core.visibility import visible


@dataclass(frozen=True)
class MenuLink:
    """A page as a menu shows it: what the header, footer and error pages need, and nothing that
    would query the database when a template reads it."""

    title: str
    url: str
    path: str


def _links(pages, request) -> list[MenuLink]:
    return [MenuLink(page.title, page.get_url(request), page.path) for page in pages]


def _navigation(request, site):
    from cities.models import RegionalSectionPage
    from home.models import StandardPage
    from initiatives.models import CaseLibraryPage

    locale = active_locale()
    home = site.root_page.get_translation_or_none(locale) or site.root_page
    if not home.live:
        home = site.root_page
    case_library = visible(CaseLibraryPage.objects.child_of(home)).first()
    return {
        "home": _links([home], request)[0],
        # visible(): a page behind a password or a login is never offered in a menu.
        "regions": _links(
            visible(RegionalSectionPage.objects.child_of(home)).in_menu().order_by("path"), request
        ),
        "case_library": _links([case_library], request)[0] if case_library else None,
        "pages": _links(
            visible(StandardPage.objects.child_of(home)).in_menu().order_by("path"), request
        ),
    }


def navigation_for(request) -> dict:
    """The current language's home page and main menu, read once per change to the site."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return published.cached(
        "navigation", lambda: _navigation(request, site), site.pk, get_language()
    )


def site_navigation(request):
    """The current language's home page and main menu, computed only when a template asks."""
    return {
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        # For `{% cache %}` fragments that change only when something is published.
        "published_generation": SimpleLazyObject(published.generation),
    }
