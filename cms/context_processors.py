from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Site

from core.visibility import visible


def _navigation(request):
    from cities.models import RegionalSectionPage
    from home.models import StandardPage
    from initiatives.models import CaseLibraryPage

    site = Site.find_for_request(request)
    if site is None:
        return {}
    locale = Locale.get_active()
    home = site.root_page.get_translation_or_none(locale) or site.root_page
    if not home.live:
        home = site.root_page
    return {
        "home": home.specific,
        # visible(): a page behind a password or a login is never offered in a menu.
        "regions": visible(RegionalSectionPage.objects.child_of(home)).in_menu().order_by("path"),
        "case_library": visible(CaseLibraryPage.objects.child_of(home)).first(),
        "pages": visible(StandardPage.objects.child_of(home)).in_menu().order_by("path"),
    }


def site_navigation(request):
    """The current language's home page and main menu, computed only when a template asks."""
    return {"navigation": SimpleLazyObject(lambda: _navigation(request))}
