"""Template tags for translated pages: the notices a visitor sees about the language of what they
read, and links that never lead into a language where a page is missing."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Page

from core.visibility import visible
from translations.freshness import outdated_record
from translations.views import UNTRANSLATED_PARAMETER

register = template.Library()


@register.inclusion_tag("translations/components/notices.html", takes_context=True)
def translation_notices(context, page=None):
    """ "The original was updated on DATE" on an outdated translation, and "not available in your
    language" on an original reached from a language that has no live translation of it."""
    request = context.get("request")
    notices = {}
    if isinstance(page, Page) and page.pk:
        record = outdated_record(page)
        original = (
            visible(Page.objects.filter(translation_key=page.translation_key))
            .filter(locale=record.translation.source.locale)
            .select_related("locale")
            .first()
            if record
            else None
        )
        if original is not None:
            notices["outdated"] = {
                "original": original,
                "language": original.locale.language_code,
                "updated_at": record.original_updated_at,
            }
    language = request.GET.get(UNTRANSLATED_PARAMETER) if request else None
    if language in dict(settings.LANGUAGES) and language != get_language():
        notices["untranslated_language"] = language
    return notices


@register.simple_tag(takes_context=True)
def translated_url(context, page):
    """A link to `page` for a visitor reading the current language: the page itself when it is in
    that language, otherwise a link that finds its live translation when the visitor follows it,
    or failing that its original, with a notice."""
    if page.locale.language_code == get_language():
        return page.get_url(context.get("request"))
    return reverse("page_in_language", args=[page.translation_key])


@register.simple_tag
def translation_editor_props(props, instance, user):
    """The translation editor's props for this user (see translations/editor.py)."""
    from translations.editor import props_for

    return props_for(props, instance, user)


@register.inclusion_tag("translations/admin/editor_actions.html", takes_context=True)
def translation_editor_actions(context, instance, position):
    from translations.editor import actions_for

    request = context["request"]
    translation = context["translation"]  # wagtail-localize's editor context
    return {
        "actions": actions_for(instance, request.user, request.path, translation.pk),
        "instance": instance,
        "position": position,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def translation_side_panels(side_panels, instance):
    """The editor's side panels, complete for a snippet in review (see translations/editor.py)."""
    from translations.editor import side_panels_for

    return side_panels_for(side_panels, instance)
