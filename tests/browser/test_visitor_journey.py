"""A French-speaking visitor goes from the home page to a case study: region → city → case study."""

import pytest
from django.utils import translation

from cities.models import MemberCityPage, RegionalSectionPage
from initiatives.queries import case_studies_under

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_french_visitor_reaches_a_case_study_through_region_and_city(live_server, browser_page):
    # Looked up through the English pages: French pages have French slugs.
    region = RegionalSectionPage.objects.get(locale__language_code="en", slug="europe")
    region = region.get_translations().live().get(locale__language_code="fr")
    city = MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")
    city = city.get_translations().live().get(locale__language_code="fr").specific
    case = case_studies_under(
        city
    ).first()  # one the city leads, so the breadcrumb passes through it
    with translation.override("fr"):
        skip_link, main_nav, breadcrumb_label = (
            translation.gettext(text) for text in ("Skip to main content", "Main", "Breadcrumb")
        )
    assert skip_link == skip_link
    page = browser_page

    page.goto(f"{live_server.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == skip_link
    page.screenshot(path=ARTIFACTS / "1-home-fr.png", full_page=True)

    page.get_by_role("navigation", name=main_nav).get_by_role("link", name=region.title).click()
    page.wait_for_url(f"**{region.url}")
    assert page.get_by_role("heading", level=1).inner_text() == region.title
    page.screenshot(path=ARTIFACTS / "2-region-fr.png", full_page=True)

    page.get_by_role("link", name=city.title, exact=True).first.click()
    page.wait_for_url(f"**{city.url}")
    assert page.get_by_role("heading", level=1).inner_text() == city.title
    page.screenshot(path=ARTIFACTS / "3-city-fr.png", full_page=True)

    page.get_by_role("link", name=case.title, exact=True).first.click()
    page.wait_for_url(f"**{case.url}")
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    breadcrumb = page.get_by_role("navigation", name=breadcrumb_label)
    assert breadcrumb.get_by_role("link", name=city.title).is_visible()
    page.screenshot(path=ARTIFACTS / "4-case-study-fr.png", full_page=True)
