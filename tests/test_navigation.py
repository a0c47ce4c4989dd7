"""The ways through the site: menus, the case studies of a region or city, and numbered pages."""

import html
import re

import pytest
from wagtail.models import PageViewRestriction

from cities.models import MemberCityPage, RegionalSectionPage
from home.tests.factories import StandardPageFactory
from initiatives.listings import CASE_STUDIES_SHOWN, case_studies_of_place
from initiatives.models import CaseLibraryPage

pytestmark = pytest.mark.django_db


def card_links(content):
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)"', content)


def see_all_link(content):
    match = re.search(r'<p class="see-all"><a href="([^"]+)">([^<]+)</a>', content)
    assert match, "the listing is followed by a link to the case library"
    return html.unescape(match[1]), match[2]


def library_count(client, url):
    content = client.get(url).content.decode()
    return int(re.search(r'class="results-count">(\d+)', content)[1])


def test_a_restricted_page_is_never_offered_in_the_menus(client, home):
    shown = StandardPageFactory(parent=home, title="Open to all", show_in_menus=True)
    hidden = StandardPageFactory(parent=home, title="Members only", show_in_menus=True)
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    content = client.get(home.url).content.decode()
    header = content.split('class="site-header"', 1)[1].split("</header>", 1)[0]
    footer = content.split('class="site-footer"', 1)[1].split("</footer>", 1)[0]
    for part in (header, footer):
        assert f'href="{shown.url}"' in part
        assert f'href="{hidden.url}"' not in part
        assert "Members only" not in part


def menu_of(client, url) -> str:
    content = client.get(url).content.decode()
    return content.split('class="site-header"', 1)[1].split("</header>", 1)[0]


def home_figures(client, url) -> list[str]:
    content = client.get(url).content.decode()
    return re.findall(r"<dd>(\d+)</dd>", content.split('class="figure-list"', 1)[1])


def test_menus_and_figures_follow_every_change_at_once(client, home):
    """They are kept in the cache between changes (core/published.py): each publish, unpublish,
    restriction or deletion shows on the very next request."""
    before = menu_of(client, home.url)
    figures = home_figures(client, home.url)

    page = StandardPageFactory(parent=home, title="Newly published", show_in_menus=True)
    assert "Newly published" in menu_of(client, home.url)

    page.unpublish()
    assert "Newly published" not in menu_of(client, home.url)
    page.save_revision().publish()
    assert "Newly published" in menu_of(client, home.url)

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Newly published" not in menu_of(client, home.url)
    restriction.delete()
    assert "Newly published" in menu_of(client, home.url)

    page.delete()
    assert menu_of(client, home.url) == before

    city = MemberCityPage.objects.live().filter(locale=home.locale).first()
    city.unpublish()
    after = home_figures(client, home.url)
    assert int(after[0]) == int(figures[0]) - 1, "one member government fewer"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_region_shows_one_page_of_case_studies_and_links_to_all_of_them(
    client, locales, language
):
    region = RegionalSectionPage.objects.live().filter(locale=locales[language]).first()
    total = case_studies_of_place(region).count()
    assert total > CASE_STUDIES_SHOWN, "the demo regions have more than a page of case studies"
    content = client.get(region.url).content.decode()

    assert card_links(content) == [
        case.url for case in case_studies_of_place(region)[:CASE_STUDIES_SHOWN]
    ]
    url, label = see_all_link(content)
    library = CaseLibraryPage.objects.live().get(locale=locales[language])
    assert url == f"{library.url}?region={region.pk}"
    assert str(total) in label
    assert library_count(client, url) == total


def test_a_city_links_to_the_case_library_filtered_to_the_city(client, locales):
    english = MemberCityPage.objects.get(locale=locales["en"], slug="barcelona")
    city = MemberCityPage.objects.live().get(
        locale=locales["fr"], translation_key=english.translation_key
    )
    total = case_studies_of_place(city).count()
    content = client.get(city.url).content.decode()

    assert len(card_links(content)) == min(total, CASE_STUDIES_SHOWN)
    url, label = see_all_link(content)
    assert url.endswith(f"?city={city.pk}")
    assert label == f"Voir les {total} études de cas dans la bibliothèque"
    assert library_count(client, url) == total


def test_a_region_page_costs_the_same_few_queries_however_many_case_studies_it_has(
    client, locales, django_assert_max_num_queries
):
    region = RegionalSectionPage.objects.live().filter(locale=locales["en"]).first()
    client.get(region.url)  # warm the caches that every page shares (site, locales)
    with django_assert_max_num_queries(45):
        client.get(region.url)


def pagination(content):
    nav = content.split('class="pagination"', 1)[1].split("</nav>", 1)[0]
    return html.unescape(nav)


def test_the_case_library_has_numbered_pages_that_keep_the_filters(client, locales):
    library = CaseLibraryPage.objects.live().get(locale=locales["en"])
    content = client.get(f"{library.url}?type=initiative&page=3").content.decode()
    nav = pagination(content)

    current = re.search(r'<a href="([^"]+)" aria-current="page">.*?(\d+)</a>', nav, flags=re.S)
    assert current[2] == "3"
    assert 'href="?type=initiative&page=2" rel="prev"' in nav
    assert 'href="?type=initiative&page=4" rel="next"' in nav
    # The first page is the plain filtered address; numbers around the current page, and a gap.
    assert 'href="?type=initiative">First' in nav
    for number in (2, 4, 5):
        assert f'href="?type=initiative&page={number}"' in nav
    assert "…" in nav
    assert ">Last</a>" in nav


def test_search_results_have_numbered_pages_that_keep_the_query(client):
    content = client.get("/en/search/?q=city&sort=newest").content.decode()
    nav = pagination(content)
    assert 'aria-current="page"' in nav
    assert 'href="?q=city&sort=newest&page=2"' in nav
    assert 'rel="next"' in nav
    assert "Previous" not in nav
