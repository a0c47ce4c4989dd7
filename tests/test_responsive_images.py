"""Photographs reach a phone as small AVIF or WebP files, with a fallback for older browsers, and
reserve their place on the page before they load."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import MemberCityPage
from initiatives.models import CaseLibraryPage, InitiativePage

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>(.*?)</picture>", re.DOTALL)


def pictures(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return PICTURE.findall(response.content.decode())


def assert_responsive(picture: str):
    sources = re.findall(r"<source [^>]*>", picture)
    assert [re.search(r'type="([^"]+)"', source)[1] for source in sources] == [
        "image/avif",
        "image/webp",
    ]
    for source in sources:
        srcset = unescape(re.search(r'srcset="([^"]+)"', source)[1])
        assert len(srcset.split(", ")) == 2, "two widths for each format"
        assert re.search(r'sizes="[^"]+"', source)
    image = re.search(r"<img [^>]*>", picture)[0]
    assert re.search(r'width="\d+"', image) and re.search(r'height="\d+"', image)
    assert re.search(r'src="[^"]+\.(jpg|png)"', image), "a JPEG or PNG fallback"
    assert 'alt="' in image
    return image


def test_a_city_page_serves_its_banner_and_logo_as_avif_and_webp_with_a_fallback(client):
    city = MemberCityPage.objects.live().get(locale__language_code="fr", slug="barcelone")
    banner, logo = pictures(client, city.url)[:2]
    banner_image = assert_responsive(banner)
    assert 'class="city-hero__image"' in banner_image
    assert 'alt=""' in banner_image
    assert "loading=" not in banner_image, "the banner is above the fold"
    logo_image = assert_responsive(logo)
    assert 'class="city-hero__logo"' in logo_image and ".png" in logo_image


def test_the_case_library_s_cards_load_their_photographs_lazily(client):
    library = CaseLibraryPage.objects.get(locale__language_code="es")
    cards = pictures(client, library.url)
    assert len(cards) == 12
    for card in cards:
        assert 'loading="lazy"' in assert_responsive(card)


def test_a_case_study_shows_its_photograph_at_the_page_s_width(client):
    case = InitiativePage.objects.live().filter(locale__language_code="en").first()
    figure = pictures(client, case.url)[0]
    image = assert_responsive(figure)
    assert "1200w" in image, "up to the width of the page's column"


def test_a_listing_reads_its_cards_renditions_in_one_query(client):
    """The listing fetches the renditions its cards show with the cards; were they other than the
    cards' own, each card would look for its renditions again, and encode them, on every view."""
    library = CaseLibraryPage.objects.get(locale__language_code="fr")
    client.get(library.url)  # renditions made
    with CaptureQueriesContext(connection) as queries:
        client.get(library.url)
    reads = [query["sql"] for query in queries if "wagtailimages_rendition" in query["sql"]]
    assert len(reads) == 1
