"""Page queries the whole site shares."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def private_sections_q() -> Q:
    """Pages in a private section (a view restriction on the page or an ancestor), as Wagtail's
    `Page.objects.private_q()` finds them, without its join of restrictions to pages: SQLite's
    planner runs that join as a scan of every page, 15 ms at 50,000 case studies even when no
    section is private, and the search page needs it on every request."""
    restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
    paths = list(Page.objects.filter(pk__in=list(restricted)).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])  # matches no page
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q
