"""The summary's help text is read in the editor's language, not frozen in the language the models
were imported in."""

import pytest
from django.utils import translation

from initiatives.models import InitiativePage, SolutionPage

pytestmark = pytest.mark.without_demo_content


@pytest.mark.parametrize("model", [InitiativePage, SolutionPage])
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "What it is, where, and what it achieved, in 250 words or fewer."),
        ("fr", "De quoi il s’agit, où, et ce qui a été accompli, en 250 mots au maximum."),
    ],
)
def test_summary_help_text_follows_the_active_language(model, language, expected):
    with translation.override(language):
        assert str(model._meta.get_field("summary").help_text) == expected


def test_summary_help_text_is_translated_into_spanish():
    with translation.override("es"):
        spanish = str(InitiativePage._meta.get_field("summary").help_text)
    assert "250" in spanish
    assert not spanish.startswith("What it is")
