"""The interface is fully translated, and a right-to-left language needs no template change."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.models import Locale

CATALOGUES = ["fr", "es"]


def catalogue(language):
    return polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    )


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_interface_string_is_translated(language):
    po = catalogue(language)
    assert len(po) > 100
    untranslated = [entry.msgid for entry in po.untranslated_entries() if not entry.obsolete]
    assert not untranslated, f"untranslated in locale/{language}: {untranslated}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_interface_translation_is_left_fuzzy(language):
    fuzzy = [entry.msgid for entry in catalogue(language).fuzzy_entries()]
    assert not fuzzy, f"fuzzy in locale/{language}: {fuzzy}"


@pytest.mark.django_db
def test_a_right_to_left_language_renders_right_to_left(client):
    languages = [*settings.LANGUAGES, ("ar", "العربية")]
    Locale.objects.create(language_code="ar")
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        content = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        assert '<html lang="fr" dir="ltr">' in client.get("/fr/").content.decode()
