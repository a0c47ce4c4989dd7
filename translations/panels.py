"""The dashboard panel that lists outdated translations, each with its sync one click away."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail_localize.models import get_edit_url

from translations.models import OutdatedTranslation
from translations.permissions import can_edit

PANEL_LIMIT = 10


def outdated_translations_for(user, limit: int = PANEL_LIMIT) -> list[dict]:
    """The most recently outdated translations `user` can edit, newest first."""
    rows = []
    records = OutdatedTranslation.objects.filter(translation__enabled=True).select_related(
        "translation__source__locale", "translation__target_locale"
    )
    for record in records.iterator():
        try:
            target = record.translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not can_edit(user, target):
            continue
        rows.append(
            {
                "title": str(target),
                "locale": record.translation.target_locale,
                "source_locale": record.translation.source.locale,
                "original_updated_at": record.original_updated_at,
                "edit_url": get_edit_url(target),
                "sync_url": reverse("translations_sync", args=[record.translation_id]),
            }
        )
        if len(rows) == limit:
            break
    return rows


class OutdatedTranslationsPanel(Component):
    name = "outdated_translations"
    template_name = "translations/admin/outdated_translations_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "rows": outdated_translations_for(request.user),
            "csrf_token": parent_context.get("csrf_token"),
            "request": request,
        }


class TranslationQueuePanel(Component):
    """A translator's or city editor's queue: what to translate next, one click from the editor."""

    name = "translation_queue"
    template_name = "translations/admin/translation_queue_panel.html"
    order = 140

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items, "request": parent_context["request"]}
