from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from initiatives.models import SustainableDevelopmentGoal, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class GoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("Sustainable Development Goals")
    list_display = ["number", "name", "locale"]
    list_filter = ["locale"]
    ordering = ["number"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, GoalViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)
