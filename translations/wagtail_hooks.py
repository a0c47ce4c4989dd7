import functools

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import TranslatableMixin
from wagtail_localize.views import edit_translation

from translations import permissions, queue, views
from translations.freshness import FOLLOW_ORIGINAL_ACTION, outdated_record, translation_of
from translations.panels import OutdatedTranslationsPanel, TranslationQueuePanel


def post_attrs(url: str) -> dict:
    """Wagtail's listing buttons are links; these make one post, as Wagtail's own "Unlock" does.
    Without JavaScript the link opens a page that asks before doing anything."""
    return {
        "data-controller": "w-action",
        "data-action": "w-action#post",
        "data-w-action-url-value": url,
    }


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/<int:translation_id>/sync/",
            views.sync_translation,
            name="translations_sync",
        ),
        path(
            "translations/pages/<int:page_id>/submit-for-review/",
            views.submit_for_review,
            name="translations_submit_for_review",
        ),
        path(
            "translations/<int:translation_id>/submit-for-review/",
            views.submit_translation_for_review,
            name="translations_submit_translation_for_review",
        ),
    ]


@hooks.register("register_admin_urls", order=-1)
def register_translate_urls():
    """Take over wagtail-localize's "Translate" addresses (its URL names still point here, as the
    paths are the same and these come first) to decide per object and language who may start a
    translation."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="translations_submit_page",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="translations_submit_snippet",
        ),
        *(
            path(f"localize/translate/<int:translation_id>/{route}", guarded(view))
            for route, view in TRANSLATION_EDITOR_ENDPOINTS
        ),
        path(
            f"localize/translate/<int:translation_id>/{STOP_TRANSLATION_ENDPOINT[0]}",
            guarded(STOP_TRANSLATION_ENDPOINT[1], allowed=permissions.can_publish),
        ),
    ]


# wagtail-localize's editor endpoints allow anyone who may edit some object of the target's model;
# these are the same views, asking whether the user may edit the target itself (a translator may
# edit a theme's translation into their language only: editorial/taxonomy.py).
TRANSLATION_EDITOR_ENDPOINTS = [
    ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
    ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
    ("pofile/download/", edit_translation.download_pofile),
    ("pofile/upload/", edit_translation.upload_pofile),
    ("machine_translate/", edit_translation.machine_translate),
    ("preview/", edit_translation.preview_translation),
    ("preview/<str:mode>/", edit_translation.preview_translation),
]
# Stopping a translation frees its synchronized values (a theme's slug, a goal's number) for
# editing: only those who may publish the translation may.
STOP_TRANSLATION_ENDPOINT = ("disable/", edit_translation.stop_translation)


def guarded(view, allowed=permissions.can_edit):
    @functools.wraps(view)
    def guarded_view(request, *args, translation_id, **kwargs):
        _translation, target = views.translation_and_target(translation_id)
        if not allowed(request.user, target):
            raise PermissionDenied
        return view(request, *args, translation_id=translation_id, **kwargs)

    return guarded_view


def translate_page_button(page, user, view_name=None, next_url=None):
    """wagtail-localize shows "Translate this page" to holders of its permission only; translators
    and city editors get it where they may translate."""
    if page.is_root() or page.alias_of_id or permissions.can_translate_anything(user):
        return
    if not permissions.translator_locales(user) and not page.permissions_for_user(user).can_edit():
        return
    if permissions.untranslated_locales(user, page):
        yield Button(
            gettext_lazy("Translate this page"),
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            icon_name="wagtail-localize-language",
            priority=60,
        )


hooks.register("register_page_header_buttons", translate_page_button)
hooks.register("register_page_listing_more_buttons", translate_page_button)


@hooks.register("register_snippet_listing_buttons")
def translate_snippet_button(snippet, user, next_url=None):
    """The same for a snippet whose translations a translator may edit (wagtail-localize's own
    button is for the secretariat)."""
    if not isinstance(snippet, TranslatableMixin) or permissions.can_translate_anything(user):
        return
    if permissions.untranslated_locales(user, snippet):
        opts = snippet._meta
        yield Button(
            gettext_lazy("Translate"),
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, quote(snippet.pk)],
            ),
            icon_name="wagtail-localize-language",
            priority=100,
        )


@hooks.register("register_page_listing_buttons")
def outdated_translation_button(page, user, next_url=None):
    """An outdated translation says so in the page listing, with its sync one click away."""
    record = outdated_record(page)
    if record is None or not page.permissions_for_user(user).can_edit():
        return
    updated = date_format(localtime(record.original_updated_at), "DATE_FORMAT")
    url = reverse("translations_sync", args=[record.translation_id])
    yield Button(
        _("Outdated: sync translation"),
        url,
        classname="button button-small button-secondary",
        icon_name="warning",
        attrs={
            **post_attrs(url),
            "title": _("The original was updated on %(date)s.") % {"date": updated},
        },
        priority=5,
    )


@hooks.register("register_page_listing_more_buttons")
def submit_translation_for_review_button(page, user, next_url=None):
    """The translation editor has no "Submit for review"; the listing offers it."""
    if translation_of(page) is None:
        return
    if not page.permissions_for_user(user).can_submit_for_moderation():
        return
    url = reverse("translations_submit_for_review", args=[page.pk])
    yield Button(
        _("Submit translation for review"),
        url,
        icon_name="resubmit",
        attrs=post_attrs(url),
        priority=65,
    )


@hooks.register("construct_homepage_panels")
def add_translation_panels(request, panels):
    # Translators and city editors see outdated translations in their queue, with what is new.
    if queue.scope_for(request.user):
        panels.append(TranslationQueuePanel(queue.queue_for(request.user)))
    else:
        panels.append(OutdatedTranslationsPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(FOLLOW_ORIGINAL_ACTION)
    class FollowOriginal(LogFormatter):
        label = gettext_lazy("Follow the original")

        def format_message(self, log_entry):
            model = log_entry.content_type.model_class()
            fields = [field_label(model, name) for name in log_entry.data.get("fields", [])]
            return _("Synchronized fields updated from the original: %(fields)s") % {
                "fields": ", ".join(fields)
            }


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name
