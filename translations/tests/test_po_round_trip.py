"""A PO file downloaded from the translation editor and uploaded again round-trips cleanly, for
every page type and snippet, through the admin views an editor uses."""

import html

import polib
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.models import (
    CaseLibraryPage,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)
from translations.slugs import slug_from_title

from .conftest import edit_url

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    StandardPage,
    RegionalSectionPage,
    MemberCityPage,
    InitiativePage,
    SolutionPage,
    CaseLibraryPage,
]
SNIPPETS = [Theme, SustainableDevelopmentGoal]


def french_translation(model) -> Translation:
    """A live French translation of an English original of `model`, synced by wagtail-localize."""
    for translation in Translation.objects.filter(
        source__specific_content_type=ContentType.objects.get_for_model(model),
        source__locale__language_code="en",
        target_locale__language_code="fr",
        enabled=True,
    ).order_by("pk"):
        target = translation.get_target_instance()
        if getattr(target, "live", True):
            return translation
    raise AssertionError(f"the demo content has no French translation of a {model.__name__}")


def round_trip(client, translation, django_capture_on_commit_callbacks, field):
    """Download the PO file, translate `field` anew, upload it and publish; returns the new text
    and the PO files before and after."""
    target = translation.get_target_instance()
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    before = polib.pofile(response.content.decode())
    assert before.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    entry = next(entry for entry in before if entry.msgctxt == field)
    new_text = f"Relu {translation.pk} {entry.msgid[:40]}".strip()
    changed = polib.pofile(str(before))
    next(e for e in changed if e.msgctxt == field).msgstr = new_text

    upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = client.post(
        upload,
        {
            "file": SimpleUploadedFile("translation.po", str(changed).encode()),
            "next": edit_url(target),
        },
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(target), {"action": "publish"})
    assert response.status_code == 302
    after = polib.pofile(client.get(download).content.decode())
    return new_text, before, after


def assert_round_trip_is_clean(before, after, field, new_text, slug_follows=False):
    """Only the edited message changed; every other message came back as it went out, except a
    slug that was still the original's, which follows a new title (translations.slugs)."""
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert (old.msgctxt, old.msgid) == (new.msgctxt, new.msgid)
        expected = new_text if old.msgctxt == field else old.msgstr
        if old.msgctxt == "slug" and not old.msgstr and slug_follows:
            expected = slug_from_title(new_text)
        assert new.msgstr == expected


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_po_round_trip_publishes_the_new_translation_of_each_page_type(
    admin, model, django_capture_on_commit_callbacks
):
    translation = french_translation(model)
    new_text, before, after = round_trip(
        admin, translation, django_capture_on_commit_callbacks, "title"
    )
    # A language's home page keeps its slug: its address is the language prefix.
    assert_round_trip_is_clean(before, after, "title", new_text, slug_follows=model is not HomePage)
    page = Page.objects.get(pk=translation.get_target_instance().pk)
    assert page.live and page.title == new_text
    translated_slug = next(entry.msgstr for entry in after if entry.msgctxt == "slug")
    assert page.slug == translated_slug or not translated_slug
    response = admin.get(page.url)
    assert response.status_code == 200
    assert f"<h1>{html.escape(new_text)}</h1>" in response.content.decode()


@pytest.mark.parametrize("model", SNIPPETS, ids=lambda model: model.__name__)
def test_po_round_trip_publishes_the_new_translation_of_each_snippet(
    admin, model, django_capture_on_commit_callbacks
):
    translation = french_translation(model)
    original = translation.source.get_source_instance()
    new_text, before, after = round_trip(
        admin, translation, django_capture_on_commit_callbacks, "name"
    )
    assert_round_trip_is_clean(before, after, "name", new_text)
    assert translation.get_target_instance().name == new_text
    # A French case study tagged with it shows the new name.
    field = "themes" if model is Theme else "sdgs"
    case = (
        InitiativePage.objects.live()
        .filter(locale__language_code="fr", **{field: original})
        .first()
    )
    assert case is not None
    assert html.escape(new_text) in admin.get(case.url).content.decode()
