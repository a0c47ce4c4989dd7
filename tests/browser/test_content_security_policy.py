"""The site works under its Content-Security-Policy: a city editor's journey through the admin
and a visitor's through the public pages log no CSP violation in the browser console."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.models import Page
from wagtail_localize.models import Translation

from cities.models import MemberCityPage
from editorial.models import EditorialTeam
from initiatives.models import CaseLibraryPage, CaseStudyPage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password-8"


@pytest.fixture
def violations(browser_page):
    """Console messages and uncaught errors about the Content-Security-Policy."""
    found = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append(f"{browser_page.url}: {message.text}")

    browser_page.on("console", on_console)
    browser_page.on("pageerror", lambda error: found.append(f"{browser_page.url}: {error}"))
    return found


def settle(page):
    page.wait_for_load_state("networkidle")


def is_synced_translation(page):
    """wagtail-localize keeps the page in sync with its original: its edit view is the
    translation editor."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    ).exists()


def case_studies_of(city):
    """The city's case studies in every language, in tree order."""
    pages = Page.objects.none()
    for version in city.get_translations(inclusive=True):
        pages |= Page.objects.descendant_of(version).type(CaseStudyPage)
    return list(pages.order_by("path"))


# Sign-in lockout on, as in production: the editor signs in through the real form.
@override_settings(AXES_ENABLED=True)
def test_a_city_editor_s_admin_journey_raises_no_csp_violation(
    live_server, browser_page, violations
):
    city = MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")
    team = EditorialTeam.objects.get(translation_key=city.translation_key)
    editor = get_user_model().objects.create_user("ana", "ana@example.org", PASSWORD)
    editor.groups.add(team.group)
    pages = case_studies_of(city)
    edited = next(page for page in pages if not is_synced_translation(page))
    translated = next(page for page in pages if is_synced_translation(page))
    page, base = browser_page, live_server.url

    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/admin/")
    settle(page)

    # A new initiative, with an image from the chooser.
    page.goto(f"{base}/admin/pages/add/initiatives/initiativepage/{city.pk}/")
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=city.hero_image.title).click()
    dialog.wait_for(state="hidden")
    settle(page)

    # A case study in the page editor, then a translation in wagtail-localize's editor.
    page.goto(f"{base}/admin/pages/{edited.pk}/edit/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).wait_for()
    settle(page)
    page.screenshot(path=ARTIFACTS / "csp-page-editor.png")
    page.goto(f"{base}/admin/pages/{translated.pk}/edit/")
    page.get_by_text("Upload PO file").first.wait_for()
    settle(page)
    page.screenshot(path=ARTIFACTS / "csp-translation-editor.png")

    # The city's image, in the image editor with its focal point tool.
    page.goto(f"{base}/admin/images/{city.hero_image.pk}/")
    settle(page)
    page.goto(f"{base}/admin/pages/{city.pk}/")
    settle(page)
    assert violations == []


def test_a_visitor_s_journey_raises_no_csp_violation(live_server, browser_page, violations):
    library = CaseLibraryPage.objects.get(locale__language_code="en")
    page, base = browser_page, live_server.url

    page.goto(f"{base}/en/")
    settle(page)

    page.goto(f"{base}/en/search/")
    box = page.locator("#search-page-query")
    box.press_sequentially("wat", delay=80)
    page.get_by_role("listbox").get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    settle(page)

    page.goto(f"{base}{library.url}")
    filters = page.locator(".filters")
    filters.get_by_role("link").first.click()
    settle(page)
    page.get_by_role("link", name=re.compile("selected", re.IGNORECASE)).first.wait_for()
    page.screenshot(path=ARTIFACTS / "csp-case-library.png")
    assert violations == []
