"""Translators translate the taxonomy (themes and Sustainable Development Goals) into their own
language, and the translation goes live when the secretariat approves it, as a page's does. Each
test signs in as the role, never as a superuser."""

import pytest
from django.contrib.auth.models import Group
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import WorkflowState
from wagtail_localize.models import OverridableSegment, StringSegment

from cities.models import MemberCityPage
from editorial.roles import MODERATORS_GROUP_NAME
from editorial.tests.conftest import editor_of
from editorial.tests.factories import UserFactory
from editorial.tests.security import refused
from initiatives.models import SustainableDevelopmentGoal, Theme
from initiatives.tests.factories import ThemeFactory
from translations.freshness import translation_of

from .conftest import edit_url
from .test_translator_access import client_for, editor_props, locale, translator

pytestmark = pytest.mark.django_db


def submit_url(snippet):
    opts = snippet._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[opts.app_label, opts.model_name, snippet.pk],
    )


def new_theme():
    """A theme the secretariat has just added in English, translated into nothing yet."""
    theme = ThemeFactory(name="Heat resilience", slug="heat-resilience")
    theme.save_revision().publish()
    return Theme.objects.get(pk=theme.pk)


def translated(snippet, code):
    return type(snippet).objects.get(translation_key=snippet.translation_key, locale=locale(code))


def name_for_visitors(theme, code):
    """The theme's name as the facets and the case-study pages show it in `code`."""
    with django_translation.override(code):
        shown = Theme.objects.get(pk=theme.pk).localized.name
    listed = {item.slug: item.name for item in Theme.live_in_locale(locale(code))}
    assert listed[theme.slug] == shown
    return shown


def submit_for_review_url(target):
    return reverse("translations_submit_translation_for_review", args=[translation_of(target).pk])


def translate_name(client, target, text):
    """Type `text` as the translation of the name, as the editor's text box does."""
    translation = translation_of(target)
    segment = StringSegment.objects.get(source=translation.source, context__path="name")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, encode_multipart(BOUNDARY, {"value": text}), content_type=MULTIPART_CONTENT
    )


def test_a_translator_translates_a_theme_and_the_secretariat_approves_it():
    theme = new_theme()
    author = client_for(translator("fr"))

    listing = author.get(
        reverse("wagtailsnippets_initiatives_theme:list"), {"locale": "en", "q": "heat"}
    ).content.decode()
    assert submit_url(theme) in listing
    assert edit_url(theme) not in listing  # they may not change the original
    form = author.get(submit_url(theme))
    offered = form.context["form"].fields["locales"].queryset
    assert list(offered) == [locale("fr")]
    assert author.post(submit_url(theme), {"locales": [locale("fr").pk]}).status_code == 302

    french = translated(theme, "fr")
    assert not french.live  # a draft until it is approved
    edit = edit_url(french)
    html = author.get(edit).content.decode()
    props = editor_props(html)
    assert props["perms"]["canPublish"] is False
    assert props["perms"]["canDelete"] is False
    assert "Submit for review" in html

    assert translate_name(author, french, "Résilience à la chaleur").status_code == 201
    assert name_for_visitors(theme, "fr") == "Heat resilience"

    submitted = author.post(submit_for_review_url(french))
    assert submitted.status_code == 302
    french = translated(theme, "fr")
    assert french.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert name_for_visitors(theme, "fr") == "Heat resilience"

    reviewer = client_for(UserFactory(groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)]))
    html = reviewer.get(edit).content.decode()
    task_state = french.current_workflow_task_state
    approve = reverse(
        "wagtailsnippets_initiatives_theme:workflow_action",
        args=[french.pk, "approve", task_state.pk],
    )
    assert approve in html
    assert "Approve" in html and "Request changes" in html
    reviewer.post(approve, {"comment": "", "next": edit})

    french = translated(theme, "fr")
    assert french.live
    assert french.name == "Résilience à la chaleur"
    assert name_for_visitors(theme, "fr") == "Résilience à la chaleur"
    assert name_for_visitors(theme, "es") == "Heat resilience"


def test_a_translator_changes_no_other_language_and_never_publishes():
    theme = new_theme()
    secretariat = client_for(UserFactory(groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)]))
    secretariat.post(submit_url(theme), {"locales": [locale("fr").pk, locale("es").pk]})
    french, spanish = translated(theme, "fr"), translated(theme, "es")
    author = client_for(translator("fr"))

    # Their own language: yes. The original and the Spanish translation: no.
    assert author.get(edit_url(french)).status_code == 200
    assert refused(author.get(edit_url(theme)))
    assert refused(author.get(edit_url(spanish)))
    assert refused(author.post(edit_url(theme), {"name": "Changed", "slug": "changed"}))
    assert refused(translate_name(author, spanish, "Resiliencia"))
    assert refused(author.post(submit_for_review_url(spanish)))

    # Never delete, add or publish, even in their own language.
    opts = Theme._meta
    delete = reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:delete", args=[french.pk])
    assert refused(author.post(delete))
    add = reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:add")
    assert refused(author.post(add, {"name": "New", "slug": "new", "colour": "#000000"}))
    assert refused(author.post(edit_url(french), {"action": "publish"}))
    assert Theme.objects.filter(pk=french.pk, live=False).exists()
    assert Theme.objects.get(pk=theme.pk).name == "Heat resilience"

    # Stopping the translation would free the slug and colour for editing: not theirs to do. Nor
    # are those values offered for overriding in the editor.
    french_translation = translation_of(french)
    stop = reverse("wagtail_localize:stop_translation", args=[french_translation.pk])
    assert refused(author.post(stop))
    french_translation.refresh_from_db()
    assert french_translation.enabled
    assert not OverridableSegment.objects.filter(source=french_translation.source).exists()

    # Nothing left to translate: they are told so, not shown an empty form.
    told = author.get(submit_url(spanish), follow=True)
    assert "already translated into every language you translate into" in told.content.decode()

    # A translation can only be started into their own language.
    goal = SustainableDevelopmentGoal.objects.filter(locale=locale("en")).first()
    goal_spanish = goal.get_translation_or_none(locale("es"))
    if goal_spanish is not None:
        goal_spanish.delete()
    author.post(submit_url(goal), {"locales": [locale("es").pk]})
    assert goal.get_translation_or_none(locale("es")) is None


def test_a_city_editor_neither_translates_nor_edits_the_taxonomy():
    theme = new_theme()
    barcelona = MemberCityPage.objects.get(locale=locale("en"), slug="barcelona")
    editor = client_for(editor_of(barcelona))
    assert refused(editor.get(submit_url(theme)))
    assert refused(editor.get(edit_url(theme)))
