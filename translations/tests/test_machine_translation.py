"""Machine translation is configured from the environment, off by default; tests use
wagtail-localize's dummy translator."""

import html

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from cms.settings.translation import machine_translator
from translations.freshness import outdated_record, translation_of

from .conftest import edit_url, fetch, republish

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
VARIABLES = [
    "MACHINE_TRANSLATOR",
    "DEEPL_API_KEY",
    "LIBRETRANSLATE_URL",
    "LIBRETRANSLATE_API_KEY",
    "MACHINE_TRANSLATOR_TIMEOUT",
]


@pytest.fixture
def environment(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_machine_translation_is_off_by_default(environment):
    assert machine_translator() is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


def test_deepl_is_chosen_with_its_key(environment):
    environment.setenv("MACHINE_TRANSLATOR", "DeepL")
    environment.setenv("DEEPL_API_KEY", "0000-key:fx")
    config = machine_translator()
    assert config["CLASS"] == "wagtail_localize.machine_translators.deepl.DeepLTranslator"
    assert config["OPTIONS"]["AUTH_KEY"] == "0000-key:fx"


def test_libretranslate_is_chosen_with_its_address(environment):
    environment.setenv("MACHINE_TRANSLATOR", "libretranslate")
    environment.setenv("LIBRETRANSLATE_URL", "https://translate.example.org/")
    config = machine_translator()
    assert config["CLASS"] == "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
    assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://translate.example.org"
    assert config["OPTIONS"]["API_KEY"] == ""


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MACHINE_TRANSLATOR": "deepl"}, "DEEPL_API_KEY"),
        ({"MACHINE_TRANSLATOR": "libretranslate"}, "LIBRETRANSLATE_URL"),
        ({"MACHINE_TRANSLATOR": "babelfish"}, "deepl, libretranslate"),
    ],
)
def test_an_incomplete_configuration_says_what_to_set(environment, variables, message):
    for name, value in variables.items():
        environment.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        machine_translator()


@pytest.mark.django_db
def test_without_a_machine_translator_the_editor_offers_none(admin, initiative):
    translation = translation_of(initiative.get_translation(Locale.objects.get(language_code="fr")))
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert admin.post(url, follow=True).status_code == 404


@pytest.mark.django_db
@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_the_machine_translates_new_text_into_a_draft_that_is_then_published(
    admin, client, initiative, django_capture_on_commit_callbacks
):
    sentence = "Three districts joined in 2024."
    initiative.summary = sentence
    republish(initiative)
    french = fetch(initiative.get_translation(Locale.objects.get(language_code="fr")))
    translation = translation_of(french)
    admin.post(reverse("translations_sync", args=[translation.pk]))

    response = admin.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": edit_url(french)},
    )
    assert response.status_code == 302
    machine = StringTranslation.objects.get(
        locale=french.locale, translation_of__data=sentence, context__path="summary"
    )
    assert machine.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert machine.data == "2024. in joined districts Three"  # the dummy reverses the words
    assert fetch(french).summary != machine.data  # nothing is live before publication

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(edit_url(french), {"action": "publish"})
    assert html.escape(machine.data) in client.get(french.url).content.decode()
    assert outdated_record(french) is None
