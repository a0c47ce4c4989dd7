"""The translation workflow's views.

Admin: sync one outdated translation with its original, and submit a translation for review (the
translation editor has no button for either). Public: lead a visitor who follows a link into a
language where a page has no live translation to the original, with a notice, never a dead end.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import DraftStateMixin, Locale, Page, Site, WorkflowState
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.models import Translation, TranslationSource, get_edit_url
from wagtail_localize.views import submit_translations

from core.visibility import visible
from translations import permissions
from translations.freshness import outdated_record, translation_of

# The query parameter that tells a page it is shown because the visitor's language has no
# live translation of it.
UNTRANSLATED_PARAMETER = "untranslated"


# Admin ------------------------------------------------------------------------------------------


def translation_and_target(translation_id, **filters):
    """The wagtail-localize translation and the object it produces, or a 404."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"),
        pk=translation_id,
        **filters,
    )
    try:
        return translation, translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error


def sync_translation(request, translation_id):
    """Bring the original's current content into the translation, then open the editor.

    Pages get a draft, which goes live when it is published or approved in review; objects without
    drafts are only brought up to date in the editor, where the translator publishes them.
    """
    translation, target = translation_and_target(translation_id, enabled=True)
    if not permissions.can_edit(request.user, target):
        raise PermissionDenied
    if request.method != "POST":
        record = outdated_record(target)
        paragraphs = (
            [
                _("The original (%(language)s) was updated on %(date)s.")
                % {
                    "language": translation.source.locale.get_display_name(),
                    "date": date_format(localtime(record.original_updated_at), "DATE_FORMAT"),
                }
            ]
            if record
            else []
        )
        paragraphs.append(
            _(
                "Syncing brings the original's current text into a draft of this translation. Text that changed stays in the original's language until you translate it; nothing goes live until the translation is published or approved in review."
            )
        )
        return confirm(request, _("Sync translation"), target, paragraphs, icon="resubmit")
    translation.source.update_from_db()
    if isinstance(target, DraftStateMixin) and not save_draft(request, translation, target):
        return redirect(get_edit_url(target))
    messages.success(
        request,
        _(
            "'%(title)s' in %(language)s is synced with its original. Translate the new text, then publish it or submit it for review."
        )
        % {"title": target, "language": translation.target_locale.get_display_name()},
    )
    return redirect(get_edit_url(target))


class LimitedLocalesMixin:
    """wagtail-localize's "Translate" form, offering only the languages the user may translate
    into (see translations/permissions.py) and refusing the others."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.allowed_locales = permissions.target_locales(request.user, self.object)
        if not self.allowed_locales:
            raise PermissionDenied
        if not permissions.untranslated_locales(request.user, self.object):
            # An empty form with a required field would say nothing; say what is the matter.
            messages.info(
                request,
                _("'%(title)s' is already translated into every language you translate into.")
                % {"title": self.object},
            )
            return redirect(get_valid_next_url_from_request(request) or listing_url(self.object))
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        return super(submit_translations.SubmitTranslationView, self).dispatch(
            request, *args, **kwargs
        )

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.label = _("Languages")  # wagtail-localize's French catalogue says "Régions"
        field.queryset = field.queryset.filter(
            pk__in=[locale.pk for locale in self.allowed_locales]
        )
        if len(field.queryset) < 2:
            form.fields["select_all"].widget = forms.HiddenInput()
        return form


def listing_url(instance) -> str:
    """Where the object is listed in the admin: its parent page's children, or its snippets."""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_explore", args=[instance.get_parent().pk])
    return reverse(instance.snippet_viewset.get_url_name("list"))


class SubmitPageTranslationView(LimitedLocalesMixin, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(
    LimitedLocalesMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


def submit_for_review(request, page_id):
    """Save the translator's work as a draft and start the page's workflow on it."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = translation_of(page)
    if translation is None:
        raise Http404
    return submit_target_for_review(request, translation, page)


def submit_translation_for_review(request, translation_id):
    """The same for a translated snippet (a page's address names the page)."""
    translation, target = translation_and_target(translation_id, enabled=True)
    if not hasattr(target, "get_workflow"):
        raise Http404  # no review for this kind of object
    return submit_target_for_review(request, translation, target)


def submit_target_for_review(request, translation, target):
    state = target.current_workflow_state
    needs_changes = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    if target.workflow_in_progress and not needs_changes:
        messages.info(request, already_in_review_message(target))
        return redirect(get_valid_next_url_from_request(request) or get_edit_url(target))
    if not permissions.can_edit(request.user, target) or not (
        needs_changes or permissions.can_submit_for_review(request.user, target)
    ):
        raise PermissionDenied
    if request.method != "POST":
        paragraphs = [
            _(
                "Submitting saves your translation as a draft and sends it to %(workflow)s. It goes live when it is approved."
            )
            % {"workflow": target.get_workflow().name}
        ]
        return confirm(
            request, _("Submit translation for review"), target, paragraphs, icon="resubmit"
        )
    if not save_draft(request, translation, target):
        return redirect(get_edit_url(target))
    target.refresh_from_db()
    if needs_changes:
        state.resume(request.user)
        workflow = state.workflow
    else:
        workflow = target.get_workflow()
        workflow.start(target, request.user)
    messages.success(
        request,
        _("'%(title)s' in %(language)s was submitted to %(workflow)s.")
        % {
            "title": admin_title(target),
            "language": target.locale.get_display_name(),
            "workflow": workflow.name,
        },
    )
    return redirect(get_valid_next_url_from_request(request) or get_edit_url(target))


def admin_title(instance) -> str:
    return instance.get_admin_display_title() if isinstance(instance, Page) else str(instance)


def already_in_review_message(instance) -> str:
    state = instance.current_workflow_state
    return _(
        "'%(title)s' is already in review (%(workflow)s): nothing to submit until it is approved or changes are requested."
    ) % {
        "title": admin_title(instance),
        "workflow": state.workflow.name if state else "",
    }


def save_draft(request, translation, target) -> bool:
    """Save the translation's current text as a draft of `target`; say so if it is invalid."""
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _(
                "'%(title)s' in %(language)s could not be saved: fix the translations marked in the editor, then try again."
            )
            % {"title": target, "language": translation.target_locale.get_display_name()},
        )
        return False
    return True


def confirm(request, heading, instance, paragraphs, icon):
    """What a translation action will do, with a button to do it: the fallback for listing buttons
    when JavaScript does not post them."""
    return TemplateResponse(
        request,
        "translations/admin/confirm.html",
        {"heading": heading, "subtitle": str(instance), "paragraphs": paragraphs, "icon": icon},
    )


# Public -----------------------------------------------------------------------------------------


@require_GET
def page_in_language(request, translation_key):
    """The page with this translation key in the visitor's language, or else its original."""
    pages = list(
        visible(Page.objects.filter(translation_key=translation_key)).select_related("locale")
    )
    if not pages:
        raise Http404(_("There is no page at this address."))
    language = django_translation.get_language()
    here = next((page for page in pages if page.locale.language_code == language), None)
    url = (
        here.get_url(request) if here else url_with_notice(original_among(pages), request, language)
    )
    if url is None:
        raise Http404(_("There is no page at this address."))
    return redirect(url)


def redirect_for_unpublished_page(request):
    """Where a 404 should go when the address is a page that exists in this language but is not
    live (a draft translation, or one taken offline): its original, with a notice."""
    language = django_translation.get_language_from_path(request.path)
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=language).first() if language else None
    if site is None or locale is None:
        return None
    page = site.root_page.get_translation_or_none(locale)
    for slug in request.path.removeprefix(f"/{language}/").strip("/").split("/"):
        if page is None or not slug:
            break
        page = page.get_children().filter(slug=slug).first()
    if page is None or page.live:
        return None
    alternatives = list(visible(page.get_translations()).select_related("locale"))
    if not alternatives:
        return None
    url = url_with_notice(original_among(alternatives), request, language)
    return redirect(url) if url else None


def original_among(pages: list[Page]) -> Page:
    """The original among live translations of one page: the source of its translations if it is
    live, else the default language, else any."""
    key = pages[0].translation_key
    locale_ids = list(
        TranslationSource.objects.filter(object_id=key)
        .order_by("created_at")
        .values_list("locale_id", flat=True)
    )
    default_language = settings.LANGUAGE_CODE

    def rank(page):
        if page.locale_id in locale_ids:
            return (0, locale_ids.index(page.locale_id))
        return (1 if page.locale.language_code == default_language else 2, 0)

    return min(pages, key=rank)


def url_with_notice(page: Page, request, language: str) -> str | None:
    url = page.get_url(request)
    if url is None:
        return None
    return f"{url}?{urlencode({UNTRANSLATED_PARAMETER: language})}"
