"""A Dakar editor, working in French, names partner cities on a French case study through the
chooser: two added from the page chooser's search, one removed, a draft saved."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cities.models import MemberCityPage
from editorial.models import EditorialTeam
from initiatives.models import InitiativePage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password-8"


def shot(element, name):
    element.screenshot(path=ARTIFACTS / f"partner-cities-{name}.png")


def choose_by_search(page, query, city):
    """Opens the chooser, searches, ticks the city and confirms; focus comes back to the button."""
    add = page.get_by_role("button", name="Ajouter des villes partenaires")
    add.click()
    dialog = page.get_by_role("dialog")
    dialog.locator("#id_q").fill(query)
    dialog.get_by_role("checkbox", name=city).check()
    dialog.locator("[data-multiple-choice-submit]").click()
    dialog.wait_for(state="hidden")
    expect(add).to_be_focused()


def test_a_city_editor_adds_two_partner_cities_and_removes_one(live_server, browser_page):
    french = Locale.objects.get(language_code="fr")
    dakar = MemberCityPage.objects.get(locale__language_code="en", slug="dakar")
    dakar_fr = dakar.get_translation(french)
    case = dakar_fr.add_child(
        instance=InitiativePage(
            title="Des fontaines publiques à Dakar",
            slug="fontaines-publiques",
            summary="Des fontaines d’eau potable dans vingt quartiers.",
        )
    )
    case.save_revision()
    lisbon = MemberCityPage.objects.get(locale=french, slug="lisbonne")
    seoul = MemberCityPage.objects.get(locale=french, slug="seoul")
    group = EditorialTeam.objects.get(translation_key=dakar.translation_key).group
    user = get_user_model().objects.create_user("awa", "awa@example.org", PASSWORD)
    user.groups.add(group)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "fr"})
    page, base = browser_page, live_server.url

    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill("awa")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/admin/")
    page.goto(f"{base}/admin/pages/{case.pk}/edit/")
    partners = page.get_by_role(
        "group", name=re.compile("villes membres partenaires", re.IGNORECASE)
    )
    partners.get_by_text("Aucune ville partenaire pour l’instant.").wait_for()

    # 1. Two cities, each found by the chooser's search in French, join the list with their region.
    choose_by_search(page, "Lisbonne", "Lisbonne")
    partners.get_by_role("button", name="Retirer Lisbonne").wait_for()
    choose_by_search(page, "Séoul", "Séoul")
    partners.get_by_role("button", name="Retirer Séoul").wait_for()
    assert partners.get_by_role("listitem").count() == 2
    assert seoul.get_parent().title in partners.get_by_role("listitem").nth(1).inner_text()
    shot(partners, "1-two-chosen")
    violations = Axe().run(page, context="#id_partner_cities").response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]

    # 2. One is removed from the keyboard; focus stays in the list.
    partners.get_by_role("button", name="Retirer Séoul").focus()
    page.keyboard.press("Enter")
    assert partners.get_by_role("listitem").count() == 1
    expect(partners.get_by_role("button", name="Retirer Lisbonne")).to_be_focused()

    # 3. The draft keeps Lisbon, stored as the English page that every translation shares.
    page.locator("footer button.action-save").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{case.pk}/edit/"))
    page.get_by_role("button", name="Retirer Lisbonne").wait_for()
    shot(
        page.get_by_role("group", name=re.compile("villes membres partenaires", re.IGNORECASE)),
        "2-draft-saved",
    )
    draft = InitiativePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    english_lisbon = MemberCityPage.objects.get(
        locale__language_code="en", translation_key=lisbon.translation_key
    )
    assert [city.pk for city in draft.partner_cities.all()] == [english_lisbon.pk]
