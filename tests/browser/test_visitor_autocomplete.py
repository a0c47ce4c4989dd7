"""A visitor types an accented word in the header's search box, picks a case study among the
suggestions, and reads it: with the keyboard in French on a desktop, with a finger in Spanish on a
phone. Without JavaScript the same box submits a search."""

import pytest
from django.utils import translation

from initiatives.models import InitiativePage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def gettext(language_code: str, text: str) -> str:
    with translation.override(language_code):
        return translation.gettext(text)


def header_search_box(page, language_code: str):
    box = page.get_by_role("combobox", name=gettext(language_code, "Search the site"))
    if not box.is_visible():  # a phone's header may fold its tools behind a menu button
        page.locator("header button[aria-expanded=false]").first.click()
    return box


def case_study_titled(language_code: str, word: str) -> InitiativePage:
    return (
        InitiativePage.objects.live()
        .filter(locale__language_code=language_code, title__icontains=word)
        .order_by("title")
        .first()
    )


def test_french_visitor_picks_a_suggestion_with_the_keyboard(live_server, browser_page):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    case = case_study_titled("fr", "d'énergie")
    assert case is not None

    page.goto(f"{live_server.url}/fr/")
    box = header_search_box(page, "fr")
    box.click()
    box.press_sequentially("énergie", delay=30)
    listbox = page.get_by_role("listbox", name=gettext("fr", "Suggestions"))
    option = listbox.get_by_role("option").filter(has_text=case.title)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    page.screenshot(path=ARTIFACTS / "autocomplete-1-header-fr-desktop.png")

    # Arrow down to the case study: the box says which option is active, Enter opens it.
    options = listbox.get_by_role("option")
    titles = [options.nth(i).locator("a").inner_text() for i in range(options.count())]
    for _ in range(titles.index(case.title) + 1):
        box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(f"**{case.url}")
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    page.screenshot(path=ARTIFACTS / "autocomplete-2-case-study-fr-desktop.png")


def test_spanish_visitor_on_a_phone_taps_a_suggestion(live_server, browser_page):
    context = browser_page.context.browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    case = case_study_titled("es", "energéticas")
    assert case is not None

    page.goto(f"{live_server.url}/es/")
    box = header_search_box(page, "es")
    box.click()
    box.press_sequentially("energéticas", delay=30)
    option = (
        page.get_by_role("listbox", name=gettext("es", "Suggestions"))
        .get_by_role("option")
        .filter(has_text=case.title)
    )
    option.wait_for()
    assert option.is_visible()
    bounds = option.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "autocomplete-3-header-es-phone.png")

    option.get_by_role("link").tap()
    page.wait_for_url(f"**{case.url}")
    assert page.get_by_role("heading", level=1).inner_text() == case.title
    page.screenshot(path=ARTIFACTS / "autocomplete-4-case-study-es-phone.png")
    context.close()


def test_without_javascript_the_header_box_submits_a_search(live_server, browser_page):
    context = browser_page.context.browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/")
    box = page.get_by_role("combobox", name=gettext("fr", "Search the site"))
    box.fill("énergie")
    box.press("Enter")
    page.wait_for_url("**/fr/search/?q=*")
    assert page.locator(".search-results li").count() > 0
    page.screenshot(path=ARTIFACTS / "autocomplete-5-no-javascript-fr.png")
    context.close()
