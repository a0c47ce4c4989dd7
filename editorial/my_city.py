"""A city editor's own corner of the admin: the "My city" dashboard panel, and the page explorer
starting at their city.

Editors hold permissions on their city in every language's tree, so the closest page common to all
of them is the root, where Wagtail would start them: they start at their city in the language they
read the admin in instead.
"""

import dataclasses
from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from editorial.permissions import admin_locale, edited_cities

PANEL_ROWS = 8


def home_city(user):
    """The city `user` edits, in their admin language (or any language it exists in), or None if
    they edit no city or several. Cached on the user for the request: the menu, the dashboard and
    the listing all ask."""
    if not hasattr(user, "_home_city"):
        user._home_city = _find_home_city(user)
    return user._home_city


def _find_home_city(user):
    cities = list(edited_cities(user).select_related("locale"))
    if len({city.translation_key for city in cities}) != 1:
        return None
    locale = admin_locale(user)
    return next((city for city in cities if city.locale_id == locale.pk), None) or min(
        cities, key=lambda city: city.pk
    )


@dataclasses.dataclass
class CityDesk:
    city: Page
    pages: int
    drafts: list
    drafts_count: int
    in_review: list
    in_review_count: int
    recent: list
    add_initiative_url: str
    add_solution_url: str
    explore_url: str


def desk_for(city) -> CityDesk:
    """What is going on in `city` (its pages in every language), in a few bounded queries."""
    paths = list(
        Page.objects.filter(translation_key=city.translation_key).values_list("path", flat=True)
    )
    subtree = Page.objects.filter(
        reduce(or_, (Q(path__startswith=path) for path in paths)), depth__gt=city.depth
    )
    in_progress = subtree.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
    drafts = subtree.filter(has_unpublished_changes=True).exclude(pk__in=in_progress.values("pk"))
    newest = ("-latest_revision_created_at", "path")
    return CityDesk(
        city=city,
        pages=subtree.filter(locale=city.locale).count(),
        drafts=list(drafts.select_related("locale").order_by(*newest)[:PANEL_ROWS]),
        drafts_count=drafts.count(),
        in_review=list(in_progress.select_related("locale").order_by(*newest)[:PANEL_ROWS]),
        in_review_count=in_progress.count(),
        recent=list(
            subtree.filter(locale=city.locale)
            .select_related("locale")
            .order_by(*newest)[:PANEL_ROWS]
        ),
        add_initiative_url=reverse(
            "wagtailadmin_pages:add", args=["initiatives", "initiativepage", city.pk]
        ),
        add_solution_url=reverse(
            "wagtailadmin_pages:add", args=["initiatives", "solutionpage", city.pk]
        ),
        explore_url=reverse("wagtailadmin_explore", args=[city.pk]),
    )


class MyCityPanel(Component):
    name = "my_city"
    template_name = "editorial/panels/my_city.html"
    order = 50  # first: it is where a city editor works

    def __init__(self, city):
        self.city = city

    def get_context_data(self, parent_context):
        return {"desk": desk_for(self.city), "request": parent_context["request"]}
