"""A city editor's initiative goes live only through the secretariat's review, and another city's
editor cannot open it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cities.models import MemberCityPage
from editorial.models import EditorialTeam
from initiatives.models import InitiativePage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password-7"
TITLE = "Shade sails over the school playgrounds"


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title()
    )
    user.groups.add(group)
    return user


def city_group(slug):
    city = MemberCityPage.objects.get(locale__language_code="en", slug=slug)
    return city, EditorialTeam.objects.get(translation_key=city.translation_key).group


def sign_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def shot(page, name):
    page.screenshot(path=ARTIFACTS / f"editorial-{name}.png", full_page=True)


def test_an_initiative_goes_live_only_after_the_secretariat_approves_it(live_server, browser_page):
    barcelona, barcelona_editors = city_group("barcelona")
    _lisbon, lisbon_editors = city_group("lisbon")
    make_user("ana", barcelona_editors)
    make_user("joao", lisbon_editors)
    make_user("marta", Group.objects.get(name="Secretariat moderators"))
    image = barcelona.hero_image
    page, base = browser_page, live_server.url

    # 1. A Barcelona editor writes an initiative with an image and submits it.
    sign_in(page, base, "ana")
    page.goto(f"{base}/admin/pages/add/initiatives/initiativepage/{barcelona.pk}/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.get_by_role("textbox", name=re.compile(r"^Summary")).fill(
        "Fabric sails shade twenty playgrounds during the hottest months."
    )
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=image.title).click()
    dialog.wait_for(state="hidden")
    page.get_by_role("tabpanel", name="Content").get_by_text(image.title, exact=True).wait_for()
    shot(page, "1-editor-writes")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Secretariat review").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    shot(page, "2-submitted")

    initiative = InitiativePage.objects.get(title=TITLE)
    assert initiative.image == image
    assert initiative.workflow_in_progress

    # 2. It is not live.
    assert not initiative.live
    response = page.goto(f"{base}{initiative.url}")
    assert response.status == 404

    # 3. A moderator approves it: now it is live and found by search.
    sign_in(page, base, "marta")
    review = page.get_by_role("region", name="Submissions awaiting review, by region")
    review.get_by_role("link", name=TITLE).wait_for()
    shot(page, "3-moderator-dashboard")
    awaiting = page.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("button", name="Actions").click()
    awaiting.get_by_role("button", name="Approve", exact=True).click()
    review.get_by_text("Nothing waits for review.").wait_for()
    initiative.refresh_from_db()
    assert initiative.live
    response = page.goto(f"{base}{initiative.url}")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    page.goto(f"{base}/en/search/?q=shade+sails")
    page.get_by_role("link", name=TITLE).wait_for()
    shot(page, "4-found-by-search")

    # 4. Another city's editor is refused its edit page.
    sign_in(page, base, "joao")
    page.goto(f"{base}/admin/pages/{initiative.pk}/edit/")
    page.wait_for_url(f"{base}/admin/")
    assert page.get_by_text("Sorry, you do not have permission to access this area.").is_visible()
    shot(page, "5-other-city-refused")
