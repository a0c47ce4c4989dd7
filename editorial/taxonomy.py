"""The taxonomy's admin (themes and Sustainable Development Goals), with who may change what.

Translators hold their team's permission to change themes and goals, like the secretariat, but it
reaches only the translations in their team's language: they translate a theme's name there and
submit it for review, and may not change the original, another language, add, delete or publish.
A page's translators are limited by tree in the same way (editorial/roles/). The rule lives in
the snippets' permission policy, which every snippet view asks and translations/ reuses for
wagtail-localize's editor.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from editorial.models import EditorialTeam
from editorial.permissions import translator_locale_ids
from initiatives.models import SustainableDevelopmentGoal, Theme

TRANSLATOR_ACTIONS = {"change"}


class TaxonomyPermissionPolicy(ModelPermissionPolicy):
    def holds_everywhere(self, user, action) -> bool:
        """Whether `user` holds the action's permission other than through a translators team."""
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        codename = self._get_permission_codename(action)
        cache_name = f"_taxonomy_everywhere_{self.app_label}_{codename}"
        if not hasattr(user, cache_name):
            content_type = self._content_type
            held = (
                user.user_permissions.filter(content_type=content_type, codename=codename).exists()
                or Group.objects.filter(
                    user=user,
                    permissions__content_type=content_type,
                    permissions__codename=codename,
                )
                .exclude(editorial_team__kind=EditorialTeam.Kind.TRANSLATORS)
                .exists()
            )
            setattr(user, cache_name, held)
        return getattr(user, cache_name)

    def translated_locale_ids(self, user, action) -> set[int]:
        """The languages whose translations `user` may act on as a translator (kept on the user
        for the request, as `holds_everywhere` is: a listing asks once per row)."""
        if action not in TRANSLATOR_ACTIONS or not self.user_has_permission(user, action):
            return set()
        cache_name = f"_taxonomy_translated_{self.app_label}_{self.model_name}"
        if not hasattr(user, cache_name):
            setattr(user, cache_name, translator_locale_ids(user) - {Locale.get_default().pk})
        return getattr(user, cache_name)

    def user_has_permission_for_instance(self, user, action, instance):
        if self.holds_everywhere(user, action):
            return True
        return instance.locale_id in self.translated_locale_ids(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if any(self.holds_everywhere(user, action) for action in actions):
            return instances
        locale_ids = set().union(*(self.translated_locale_ids(user, action) for action in actions))
        return instances.filter(locale_id__in=locale_ids)


def register_policies():
    """Called first thing by editorial/wagtail_hooks.py, before any view asks for a policy."""
    for model in (Theme, SustainableDevelopmentGoal):
        register_permission_policy(model, TaxonomyPermissionPolicy(model))


class TaxonomyIndexView(IndexView):
    def get_edit_url(self, instance):
        # Wagtail links every row to its editor on the model's permission; a translator may
        # follow only the links to their own language's translations.
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None


class TaxonomyEditView(EditView):
    def user_has_permission(self, permission):
        # Wagtail's views ask for the model's permission; the editor (and reverting to a revision,
        # which is built on it) asks for this object's. Translators hold no other permission.
        if getattr(self, "object", None) is None:
            self.object = self.get_object()
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, permission, self.object
        )


class TaxonomyViewSet(SnippetViewSet):
    index_view_class = TaxonomyIndexView
    edit_view_class = TaxonomyEditView
    list_filter = ["locale"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "locale"]


class GoalViewSet(TaxonomyViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("Sustainable Development Goals")
    list_display = ["number", "name", "locale"]
    ordering = ["number"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, GoalViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"
