"""When an original is republished, its translations follow: facts at once, text through a sync
that is flagged until it goes live."""

import copy
import datetime
import html
import json

import polib
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.images import get_image_model
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.models import SegmentOverride, TranslationContext, TranslationLog

from initiatives.models import CaseStudyStatus, Theme
from translations.freshness import (
    FOLLOW_ORIGINAL_ACTION,
    outdated_record,
    source_of,
    translation_of,
)
from translations.models import OutdatedTranslation

from .conftest import edit_url, fetch, republish

pytestmark = pytest.mark.django_db


def french(page):
    return fetch(page.get_translation(Locale.objects.get(language_code="fr")))


def other_image(*exclude):
    return (
        get_image_model().objects.exclude(pk__in=[image.pk for image in exclude if image]).first()
    )


def notice_in(content):
    return 'class="notice translation-notice"' in content


def another_status(page):
    return next(status for status in CaseStudyStatus.values if status != page.status)


# Facts follow the original ----------------------------------------------------------------------


def test_facts_follow_the_original_as_soon_as_it_is_republished(client, admin, initiative):
    themes = list(
        Theme.objects.filter(locale=initiative.locale).exclude(pk__in=initiative.themes.all())[:1]
    )
    image = other_image(initiative.image)
    status = another_status(initiative)
    initiative.status = status
    initiative.end_date = datetime.date(2031, 6, 30)
    initiative.budget = 4_200_000
    initiative.themes = themes
    initiative.partner_cities = []
    initiative.image = image
    republish(initiative)

    for translation in initiative.get_translations():
        translation = fetch(translation)
        assert translation.live
        assert translation.status == status
        assert translation.end_date == datetime.date(2031, 6, 30)
        assert translation.budget == 4_200_000
        assert list(translation.themes.all()) == themes
        assert not translation.partner_cities.exists()
        assert translation.image == image
        # Facts alone leave the translation up to date, and its text untouched.
        assert outdated_record(translation) is None
    page = french(initiative)
    content = client.get(page.url).content.decode()
    assert html.escape(themes[0].get_translation(page.locale).name) in content
    assert not notice_in(content)
    # The change is on record in the translation's history.
    assert PageLogEntry.objects.filter(page=page, action=FOLLOW_ORIGINAL_ACTION).exists()
    history = admin.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Synchronized fields updated from the original: " in history
    assert "status" in history


def test_a_fact_a_translator_overrode_for_their_language_is_kept(initiative):
    page = french(initiative)
    localized_image = other_image(initiative.image)
    context = TranslationContext.objects.get(object_id=initiative.translation_key, path="image")
    SegmentOverride.objects.create(
        locale=page.locale, context=context, data_json=json.dumps(localized_image.pk)
    )
    page.image = localized_image
    page.save(update_fields=["image"], clean=False)

    initiative.image = other_image(initiative.image, localized_image)
    initiative.status = status = another_status(initiative)
    republish(initiative)

    page = fetch(page)
    assert page.image == localized_image
    assert page.status == status


def test_documents_inside_the_resources_follow_and_their_link_text_stays_translated(solution):
    document_model = solution.resources[0].value["items"][0].value["document"].__class__
    new_document = document_model.objects.exclude(
        pk=solution.resources[0].value["items"][0].value["document"].pk
    ).first()
    before = french(solution).resources.get_prep_value()
    solution.resources[0].value["items"][0].value["document"] = new_document
    solution.resources = solution.resources  # mark the stream as changed
    republish(solution)

    # Only the document changed: block ids and text are those the translation had.
    expected = copy.deepcopy(before)
    expected[0]["value"]["items"][0]["value"]["document"] = new_document.pk
    assert french(solution).resources.get_prep_value() == expected


def test_an_older_draft_published_later_still_carries_the_originals_facts(initiative):
    page = french(initiative)
    stale = page.save_revision()  # a draft of the translation, made before the original changed
    initiative.status = status = another_status(initiative)
    republish(initiative)
    assert fetch(page).status == status
    stale.publish()
    assert fetch(page).status == status


# Text makes translations outdated until a sync goes live -------------------------------------------


def test_new_text_marks_every_translation_outdated(client, initiative):
    initiative.summary = f"{initiative.summary} It now also covers two neighbouring districts."
    republish(initiative)

    records = OutdatedTranslation.objects.filter(
        translation__source=source_of(initiative)
    ).select_related("translation__target_locale")
    assert {record.translation.target_locale.language_code for record in records} == {"fr", "es"}
    assert all(record.original_updated_at == initiative.last_published_at for record in records)
    # The editor now offers the new text for translation, with nobody pressing "Sync".
    source = source_of(initiative)
    assert source.stringsegment_set.filter(string__data__contains="neighbouring districts").exists()

    page = french(initiative)
    content = client.get(page.url).content.decode()
    assert notice_in(content)
    with django_translation.override("fr"):
        date = date_format(localtime(initiative.last_published_at), "DATE_FORMAT")
    assert date in content
    assert f'href="{initiative.url}" hreflang="en"' in content
    # The live translation keeps its reviewed French text meanwhile.
    assert html.escape(page.summary) in content


def test_republishing_without_new_text_leaves_translations_up_to_date(initiative):
    republish(initiative)
    initiative.featured = not initiative.featured
    republish(initiative)
    assert not OutdatedTranslation.objects.filter(
        translation__source=source_of(initiative)
    ).exists()


def test_the_outdated_flag_clears_when_the_synced_translation_is_published(
    client, admin, initiative, django_capture_on_commit_callbacks
):
    initiative.summary = "A shorter summary, rewritten after the second phase of the project."
    republish(initiative)
    page = french(initiative)
    translation = translation_of(page)

    # One click from the dashboard or the listing: the original's text arrives in a draft.
    response = admin.post(reverse("translations_sync", args=[translation.pk]))
    assert response.status_code == 302
    assert response["Location"] == edit_url(page)
    page = fetch(page)
    assert page.has_unpublished_changes
    assert outdated_record(page) is not None  # not live yet: still outdated
    assert notice_in(client.get(page.url).content.decode())

    # The translator translates the new sentence (here through a PO file) and publishes.
    po = polib.pofile(
        admin.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        ).content.decode()
    )
    entry = next(entry for entry in po if entry.msgctxt == "summary")
    assert entry.msgid == initiative.summary
    entry.msgstr = "Un résumé plus court, réécrit après la deuxième phase du projet."
    admin.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("fr.po", str(po).encode())},
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(edit_url(page), {"action": "publish"})

    page = fetch(page)
    assert page.summary == entry.msgstr
    assert outdated_record(page) is None
    content = client.get(page.url).content.decode()
    assert not notice_in(content)
    assert html.escape(entry.msgstr) in content
    # The other language is still waiting for its translator.
    assert outdated_record(
        fetch(initiative.get_translation(Locale.objects.get(language_code="es")))
    )


def test_wagtail_localizes_own_sync_with_publishing_also_clears_the_flag(
    admin, initiative, django_capture_on_commit_callbacks
):
    initiative.summary = f"{initiative.summary} Updated figures for 2025."
    republish(initiative)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("wagtail_localize:update_translations", args=[source_of(initiative).pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    for translation in initiative.get_translations():
        assert outdated_record(translation) is None


def test_a_snippet_translation_follows_and_clears_like_a_page(
    admin, django_capture_on_commit_callbacks
):
    theme = original_with_live_snippet()
    french_theme = theme.get_translation(Locale.objects.get(language_code="fr"))
    theme.colour = "#123456"
    theme.description = f"{theme.description} Including heat waves."
    theme.save_revision().publish()  # the secretariat publishes the change
    french_theme.refresh_from_db()
    assert french_theme.colour == "#123456"
    translation = translation_of(french_theme)
    assert outdated_record(french_theme) is not None

    response = admin.post(reverse("translations_sync", args=[translation.pk]))
    assert response["Location"] == edit_url(french_theme)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(edit_url(french_theme), {"action": "publish"})
    assert outdated_record(french_theme) is None
    assert TranslationLog.objects.filter(
        source=translation.source, locale=french_theme.locale
    ).exists()


def original_with_live_snippet():
    for theme in Theme.objects.filter(locale__language_code="en").order_by("pk"):
        if source_of(theme) and theme.get_translations().count() == 2:
            return theme
    raise AssertionError("the demo content has no translated theme")


# The admin shows outdated translations -----------------------------------------------------------


def test_the_page_listing_marks_an_outdated_translation_with_its_sync_button(admin, initiative):
    page = french(initiative)
    explore = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    sync = reverse("translations_sync", args=[translation_of(page).pk])
    assert sync not in admin.get(explore).content.decode()

    initiative.summary = f"{initiative.summary} A third phase starts next year."
    republish(initiative)
    content = admin.get(explore).content.decode()
    assert "Outdated: sync translation" in content
    assert f'data-w-action-url-value="{sync}"' in content


def test_the_dashboard_lists_outdated_translations_with_their_sync_button(admin, initiative):
    assert "Outdated translations" not in admin.get(reverse("wagtailadmin_home")).content.decode()
    initiative.summary = f"{initiative.summary} A third phase starts next year."
    republish(initiative)
    content = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert "Outdated translations" in content
    for translation in initiative.get_translations():
        assert html.escape(translation.title) in content
        sync = reverse("translations_sync", args=[translation_of(translation).pk])
        assert f'action="{sync}"' in content


def test_without_javascript_the_sync_button_asks_before_syncing(admin, initiative):
    initiative.summary = f"{initiative.summary} A third phase starts next year."
    republish(initiative)
    page = french(initiative)
    revisions = page.revisions.count()
    response = admin.get(reverse("translations_sync", args=[translation_of(page).pk]))
    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert page.revisions.count() == revisions


def test_an_editor_who_cannot_edit_the_translation_cannot_sync_it(
    client, django_user_model, initiative
):
    initiative.summary = f"{initiative.summary} A third phase starts next year."
    republish(initiative)
    user = django_user_model.objects.create_user("outsider", password="not-an-editor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    page = french(initiative)
    revisions = page.revisions.count()
    response = client.post(reverse("translations_sync", args=[translation_of(page).pk]))
    # Wagtail turns a refusal into a message on the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert page.revisions.count() == revisions
