"""A Barcelona editor, in Spanish and on a phone, adds a case study from the "My city" panel and
submits it for review; the panel then lists it as awaiting review."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cities.models import MemberCityPage
from editorial.models import EditorialTeam
from initiatives.models import InitiativePage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password-7"
PHONE = {"width": 390, "height": 844}
TITLE = "Toldos de sombra en los patios escolares"


def shot(page, name):
    page.screenshot(path=ARTIFACTS / f"city-editor-{name}.png", full_page=True)


def test_a_city_editor_adds_a_case_study_from_my_city(live_server, browser_page):
    barcelona = MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")
    barcelona_es = barcelona.get_translation(Locale.objects.get(language_code="es"))
    group = EditorialTeam.objects.get(translation_key=barcelona.translation_key).group
    user = get_user_model().objects.create_user("bea", "bea@example.org", PASSWORD)
    user.groups.add(group)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "es"})
    page, base = browser_page, live_server.url

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill("bea")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/admin/")

    # 1. The dashboard is about her city, in Spanish.
    panel = page.locator("#my-city-section")
    panel.get_by_role("heading", name=re.compile("Mi ciudad")).first.wait_for()
    shot(page, "1-my-city-phone")

    # 2. "Add an initiative" opens the form under Barcelona's Spanish page.
    panel.get_by_role("link", name="Añadir una iniciativa").click()
    page.wait_for_url(f"{base}/admin/pages/add/initiatives/initiativepage/{barcelona_es.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Toldos de tela dan sombra a veinte patios en verano.")
    shot(page, "2-form-phone")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator('button[name="action-submit"]').click()
    # Wagtail returns to the city's listing, saying the page was submitted.
    page.wait_for_url(f"{base}/admin/pages/{barcelona_es.pk}/")
    shot(page, "3-submitted-phone")

    case = InitiativePage.objects.get(title=TITLE)
    assert case.get_parent().pk == barcelona_es.pk
    assert case.locale.language_code == "es"
    assert case.workflow_in_progress
    assert not case.live

    # 3. Back on the dashboard, the panel lists it as awaiting review.
    page.goto(f"{base}/admin/")
    review = page.locator("#my-city-review").locator("xpath=..")
    review.get_by_role("link", name=TITLE).wait_for()
    shot(page, "4-awaiting-review-phone")
