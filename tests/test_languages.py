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


def switcher_links(content):
    """The switcher's links, by language: (address, whether it says it leads to the home page)."""
    nav = content.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {
        code: (href, "language-switcher__note" in inner)
        for href, code, inner in re.findall(
            r'<a href="([^"]+)" hreflang="(\w+)"[^>]*>(.*?)</a>', nav, flags=re.S
        )
    }


def test_unpublished_translation_leaves_hreflang_and_the_switcher_leads_home(client, locales):
    translated = [
        page
        for page in InitiativePage.objects.live().filter(locale=locales["en"])
        if page.get_translations().live().count() == 2
    ][0]
    spanish = translated.get_translation(locales["es"])
    french = translated.get_translation(locales["fr"])
    spanish.unpublish()
    content = client.get(translated.url).content.decode()
    assert set(alternates(content)) == {"en", "fr", "x-default"}
    assert switcher_languages(content) == {"en", "fr", "es"}
    assert switcher_links(content) == {"fr": (french.url, False), "es": ("/es/", True)}
    assert spanish.url not in content


def test_page_without_translations_keeps_a_switcher_to_each_language_home(client, locales):
    untranslated = next(
        page
        for page in InitiativePage.objects.live().filter(locale=locales["en"])
        if not page.get_translations().exists()
    )
    content = client.get(untranslated.url).content.decode()
    assert switcher_links(content) == {"fr": ("/fr/", True), "es": ("/es/", True)}
    # Said in the language of the page the link leads to.
    assert "Cette page n’existe pas en français\u202f: ce lien mène à la page d’accueil." in content
    assert "(página de inicio)" in content
    assert set(alternates(content)) == {"en", "x-default"}


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Aller au contenu principal"), ("es", "Ir al contenido principal")],
)
def test_interface_strings_are_translated(client, language, text):
    assert text in client.get(f"/{language}/").content.decode()


def test_a_missing_page_offers_each_language_home(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert switcher_links(response.content.decode()) == {
        "en": ("/en/", True),
        "es": ("/es/", True),
    }


def test_the_search_page_switches_language_with_its_query(client):
    content = client.get("/fr/search/?q=eau").content.decode()
    links = switcher_links(content)
    assert links["en"] == ("/en/search/?q=eau", False)
    assert links["es"] == ("/es/search/?q=eau", False)
