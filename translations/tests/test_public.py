"""What visitors see: only live translations are offered, and a link into a language where a page
is missing leads to its original, with a notice, never to a dead end."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import Locale

from initiatives.models import InitiativePage

from .conftest import fetch, republish

pytestmark = pytest.mark.django_db

UNTRANSLATED_NOTICE = re.compile(r'<p class="notice translation-notice" lang="(\w+)">')


def locale(code):
    return Locale.objects.get(language_code=code)


def untranslated_english_case():
    return next(
        page
        for page in InitiativePage.objects.live().filter(locale=locale("en")).order_by("path")
        if not page.get_translations().exists()
    )


def page_in_language_url(language, page):
    with django_translation.override(language):
        return reverse("page_in_language", args=[page.translation_key])


def test_a_link_to_a_page_missing_in_french_leads_to_its_original_with_a_notice(client):
    page = untranslated_english_case()
    response = client.get(page_in_language_url("fr", page))
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}?untranslated=fr"

    content = client.get(response["Location"]).content.decode()
    assert UNTRANSLATED_NOTICE.findall(content) == ["fr"]
    # The page itself is the English original, canonical at its own address.
    assert '<html lang="en"' in content
    assert f'<link rel="canonical" href="{page.full_url}">' in content


def test_the_same_link_leads_to_the_translation_once_it_is_live(client, initiative):
    french = fetch(initiative.get_translation(locale("fr")))
    response = client.get(page_in_language_url("fr", initiative))
    assert response.status_code == 302
    assert response["Location"] == french.url


def test_a_page_missing_in_english_leads_to_the_original_language_not_a_third_one(client):
    original = next(
        page
        for page in InitiativePage.objects.live().filter(locale=locale("fr")).order_by("path")
        if page.get_translations().live().count() == 2
    )
    english = fetch(original.get_translation(locale("en")))
    english.unpublish()
    response = client.get(page_in_language_url("en", original))
    assert response["Location"] == f"{original.url}?untranslated=en"


def test_the_address_of_an_unpublished_translation_leads_to_its_original(client, initiative):
    french = fetch(initiative.get_translation(locale("fr")))
    address = french.url
    french.unpublish()
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == f"{initiative.url}?untranslated=fr"


def test_an_address_that_is_no_page_at_all_is_still_a_404(client):
    assert client.get("/fr/no-such-region/no-such-city/").status_code == 404
    assert client.get(f"/fr/translations/{uuid.uuid4()}/").status_code == 404
    assert client.get("/fr/translations/not-a-key/").status_code == 404


@pytest.mark.parametrize("value", ["en", "de", "<script>", ""])
def test_an_untranslated_parameter_that_makes_no_sense_shows_no_notice(client, value):
    page = untranslated_english_case()
    response = client.get(page.url, {"untranslated": value})
    assert response.status_code == 200
    assert not UNTRANSLATED_NOTICE.findall(response.content.decode())


def test_a_partner_city_without_a_live_french_page_is_linked_through_its_original(client):
    case = next(
        page
        for page in InitiativePage.objects.live().filter(locale=locale("fr")).order_by("path")
        if page.partner_cities.exists()
    )
    partner = case.partner_cities.first()
    french_partner = fetch(partner.get_translation(locale("fr")))
    assert f'href="{french_partner.url}"' in client.get(case.url).content.decode()

    french_partner.unpublish()
    content = client.get(case.url).content.decode()
    link = page_in_language_url("fr", partner)
    assert f'href="{link}"' in content
    assert client.get(link)["Location"] == f"{partner.url}?untranslated=fr"


def test_switcher_and_hreflang_list_only_live_translations(client, initiative):
    spanish = fetch(initiative.get_translation(locale("es")))
    spanish.save_revision()  # a draft in progress does not hide the live page
    content = client.get(initiative.url).content.decode()
    assert f'hreflang="es" href="{spanish.full_url}"' in content
    spanish.unpublish()
    content = client.get(initiative.url).content.decode()
    assert '<link rel="alternate" hreflang="es"' not in content
    # The switcher still offers Spanish, leading to the Spanish home page rather than the draft.
    switcher = content.split('class="language-switcher"', 1)[1].split("</nav>")[0]
    assert 'href="/es/" hreflang="es"' in switcher
    assert spanish.url not in switcher


def test_an_outdated_translation_of_a_french_original_points_to_the_french_page(client):
    original = next(
        page
        for page in InitiativePage.objects.live().filter(locale=locale("fr")).order_by("path")
        if page.get_translations().live().count() == 2
    )
    original.summary = f"{original.summary} Une troisième phase commence."
    republish(original)
    english = fetch(original.get_translation(locale("en")))
    content = client.get(english.url).content.decode()
    assert f'href="{original.url}" hreflang="fr"' in content
