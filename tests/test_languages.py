"""Language prefixes, the switcher and hreflang alternates list only live translations."""

import re

import pytest

from cities.models import MemberCityPage
from initiatives.models import InitiativePage

pytestmark = pytest.mark.django_db


def alternates(content):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', content))


def switcher_languages(content):
    nav = content.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return set(re.findall(r'lang="(\w+)"', nav))


@pytest.mark.parametrize("prefix", ["/en/", "/fr/", "/es/"])
def test_each_language_has_its_prefix(client, prefix):
    response = client.get(prefix)
    assert response.status_code == 200
    assert f'<html lang="{prefix.strip("/")}"' in response.content.decode()


def test_unknown_language_prefix_is_a_friendly_404(client):
    response = client.get("/de/", follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_switcher_and_hreflang_list_all_three_live_translations(client, locales):
    barcelona = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    city = barcelona.get_translation(locales["fr"])
    content = client.get(city.url).content.decode()
    assert set(alternates(content)) == {"en", "fr", "es", "x-default"}
    assert switcher_languages(content) == {"en", "fr", "es"}


def test_unpublished_translation_disappears_from_switcher_and_hreflang(client, locales):
    translated = [
        page
        for page in InitiativePage.objects.live().filter(locale=locales["en"])
        if page.get_translations().live().count() == 2
    ][0]
    spanish = translated.get_translation(locales["es"])
    spanish.unpublish()
    content = client.get(translated.url).content.decode()
    assert set(alternates(content)) == {"en", "fr", "x-default"}
    assert switcher_languages(content) == {"en", "fr"}
    assert spanish.url not in content


def test_page_without_translations_has_no_switcher(client, locales):
    untranslated = next(
        page
        for page in InitiativePage.objects.live().filter(locale=locales["en"])
        if not page.get_translations().exists()
    )
    content = client.get(untranslated.url).content.decode()
    assert 'class="language-switcher"' not in content
    assert set(alternates(content)) == {"en", "x-default"}


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Aller au contenu principal"), ("es", "Ir al contenido principal")],
)
def test_interface_strings_are_translated(client, language, text):
    assert text in client.get(f"/{language}/").content.decode()
