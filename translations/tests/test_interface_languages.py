"""The interface is fully translated, French follows its typography, and a right-to-left language
needs no template change."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation
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


NARROW_NO_BREAK_SPACE = "\u202f"
# Typographic punctuation: followed by a space, the end, or closing punctuation. "http://",
# "?q=", "10:30" and "&amp;" are followed by a word character, "=", "/" or "&" and are left alone.
HIGH_PUNCTUATION = re.compile(r"(?<=(.))[?!;:»](?![\w=/&])|«(?=(.))", re.DOTALL)


def typography_mistakes(text):
    """Places in a French text where ? ! ; : or » lack the narrow no-break space before them, or «
    after it."""
    return [
        text[max(0, match.start() - 12) : match.end() + 12]
        for match in HIGH_PUNCTUATION.finditer(text)
        if NARROW_NO_BREAK_SPACE not in (match.group(1), match.group(2))
        # "?!" or "…?": only the first mark takes the space.
        and not (match.group(1) and match.group(1) in "?!")
    ]


def test_french_typography_check_finds_what_a_proofreader_would():
    assert len(typography_mistakes("Vouliez-vous dire : logement?")) == 2
    assert len(typography_mistakes("«\u00a0Bonjour\u00a0» !")) == 3
    correct = "Trier par\u202f: «\u202f%(query)s\u202f»\u202f; voir https://example.org/?q=a&amp;b"
    assert typography_mistakes(correct) == []


def test_french_translations_use_narrow_no_break_spaces():
    mistakes = {}
    for entry in catalogue("fr"):
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        found = [place for text in texts for place in typography_mistakes(text)]
        if found:
            mistakes[entry.msgid] = found
    assert not mistakes, f"French needs U+202F before ? ! ; : » and after «: {mistakes}"


@pytest.mark.django_db
def test_a_right_to_left_language_renders_right_to_left(client):
    languages = [*settings.LANGUAGES, ("ar", "العربية")]
    Locale.objects.create(language_code="ar")
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        content = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        assert '<html lang="fr" dir="ltr">' in client.get("/fr/").content.decode()


def test_the_search_suggestion_is_punctuated_the_french_way():
    with translation.override("fr"):
        content = render_to_string("search/components/no_results.html", {"suggestion": "logement"})
    assert "Vouliez-vous dire <a" in content
    assert "logement</a>\u202f?" in content
