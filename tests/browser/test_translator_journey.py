"""A French translator finds a new case study in their dashboard queue, translates it on a phone
and submits it; a moderator approves it from the translation's own screen; a visitor reads it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from cities.models import MemberCityPage
from initiatives.tests.factories import InitiativePageFactory

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password-7"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
ORIGINAL = "Rooftop gardens on every school"
FRENCH = "Des jardins sur le toit de chaque école"
SUMMARY_FR = "Chaque école cultive un potager sur son toit."


def make_user(username, group_name, language):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


def sign_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base_url}/admin/")


def shot(page, name):
    page.screenshot(path=ARTIFACTS / f"translator-{name}.png", full_page=True)


def translate_segment(page, text):
    """wagtail-localize's editor: open the next untranslated segment, type, save, and wait until
    the segment is saved (it then offers "Modifier")."""
    saved = page.get_by_role("button", name="Modifier", exact=True)
    before = saved.count()
    page.get_by_role("button", name="Traduire", exact=True).first.click()
    segment = page.locator("li:has(textarea)").first
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Enregistrer").click()
    expect(saved).to_have_count(before + 1)
    page.get_by_text(text, exact=True).first.wait_for()


def test_a_translation_goes_from_the_queue_to_the_visitor(live_server, browser_page):
    barcelona = MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")
    original = InitiativePageFactory(
        parent=barcelona,
        locale=barcelona.locale,
        title=ORIGINAL,
        summary="Every school grows a vegetable garden on its roof.",
    )
    original.save_revision().publish()
    make_user("claire", "Translators (French)", "fr")
    make_user("marta", "Secretariat moderators", "fr")
    page, base = browser_page, live_server.url

    # 1. The translator, on a phone, finds the new case study in her queue and starts it.
    page.set_viewport_size(PHONE)
    sign_in(page, base, "claire")
    queue = page.locator("#translation-queue-section")
    row = queue.get_by_role("row").filter(has_text=ORIGINAL)
    row.wait_for()
    shot(page, "1-queue-phone")
    row.get_by_role("link", name=re.compile("Traduire en")).click()
    page.get_by_role("button", name="Soumettre").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    french = Page.objects.get(
        translation_key=original.translation_key, locale=Locale.objects.get(language_code="fr")
    )

    # 2. She translates the title and the summary, and submits the translation for review.
    footer = page.locator("footer").filter(has_text="Soumettre à relecture")
    footer.wait_for()
    assert page.get_by_role("link", name="Supprimer").count() == 0
    assert page.get_by_text("Convertir en page alias").count() == 0
    translate_segment(page, FRENCH)
    translate_segment(page, SUMMARY_FR)
    shot(page, "2-editor-phone")
    footer.get_by_role("button", name="Soumettre à relecture").click()
    page.get_by_text("En relecture").first.wait_for()
    shot(page, "3-submitted-phone")
    french.refresh_from_db()
    assert french.workflow_in_progress
    assert not french.live

    # 3. The moderator reads it in the translation editor and approves it there.
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, "marta")
    page.goto(f"{base}/admin/pages/{french.pk}/edit/")
    review = page.get_by_role("region", name=re.compile("Relecture"))
    review.get_by_role("button", name="Demander des modifications").wait_for()
    shot(page, "4-review-desktop")
    review.get_by_role("button", name="Approuver").click()
    page.wait_for_load_state()
    french.refresh_from_db()
    assert french.live
    assert french.title == FRENCH
    shot(page, "5-approved-desktop")

    # 4. A visitor reads it, on a phone, in French.
    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    url = french.get_url()
    assert url.startswith("/fr/")
    response = page.goto(f"{base}{url}")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text().strip() == FRENCH
    page.get_by_text(SUMMARY_FR).first.wait_for()
    shot(page, "6-visitor-phone")
