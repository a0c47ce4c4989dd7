"""What a visitor may see: the one rule every public surface applies.

A page is visible when it is live and public: no view restriction (password, login or groups) on
it or on any of its ancestors, i.e. it is not in a private section. Menus, listings, counts,
sitemaps, the API, hreflang links, the language switcher, search results, spelling suggestions
and autocomplete all go through `visible()`, so that a restricted page never shows anywhere a
visitor who cannot open it would see its title.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from core import published


def private_sections_q() -> Q:
    """Pages in a private section (a view restriction on the page or an ancestor), as Wagtail's
    `Page.objects.private_q()` finds them, without its join of restrictions to pages: SQLite's
    planner runs that join as a scan of every page, 15 ms at 50,000 case studies even when no
    section is private, and the search page needs it on every request. The paths are read once
    per change to the published site (core/published.py): every listing and menu asks."""
    paths = published.cached("private-paths", private_paths)
    if not paths:
        return Q(pk__in=[])  # matches no page
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q


def private_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction."""
    restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
    return list(Page.objects.filter(pk__in=list(restricted)).values_list("path", flat=True))


def visible(queryset: QuerySet | None = None, private: Q | None = None) -> QuerySet:
    """The pages of `queryset` (every page by default) that any visitor may see. `private`, from
    `private_sections_q()`, spares reading the restrictions again when a caller filters often."""
    if queryset is None:
        queryset = Page.objects.all()
    return queryset.live().exclude(private if private is not None else private_sections_q())
