"""The secretariat invites an editor from the admin or the command line: an account, the team's
group, and an email with a link to choose a password. Inviting twice is not an error."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from .conftest import team_of
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
INVITE_URL = "/admin/secretariat/invite/"


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def set_password_path(email):
    return re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", email.body).group(1)


def test_an_invited_editor_chooses_a_password_and_can_edit_their_city(
    moderator_client, barcelona, mailoutbox
):
    team = team_of(barcelona)
    response = moderator_client.post(
        INVITE_URL,
        {"email": "Ana.Puig@Example.org", "first_name": "Ana", "last_name": "", "team": team.pk},
    )

    assert response.status_code == 302
    user = User.objects.get(email__iexact="ana.puig@example.org")
    assert list(user.groups.all()) == [team.group]
    assert not user.has_usable_password()
    [email] = mailoutbox
    assert [address.lower() for address in email.to] == ["ana.puig@example.org"]
    assert "Barcelona editors" in email.subject

    browser = Client()
    form_page = browser.get(set_password_path(email), follow=True)
    assert form_page.status_code == 200
    browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert browser.login(username=user.username, password=PASSWORD)
    assert browser.get(f"/admin/pages/{barcelona.pk}/edit/").status_code == 200


def test_inviting_the_same_person_twice_is_not_an_error(moderator_client, barcelona, mailoutbox):
    data = {"email": "twice@example.org", "first_name": "", "last_name": "", "team": 0}
    data["team"] = team_of(barcelona).pk
    first = moderator_client.post(INVITE_URL, data)
    second = moderator_client.post(INVITE_URL, data, follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "already in Barcelona editors" in second.content.decode()
    assert User.objects.filter(email__iexact="twice@example.org").count() == 1
    assert len(mailoutbox) == 2


def test_an_existing_account_joins_the_team_and_keeps_its_password(barcelona, lisbon, mailoutbox):
    existing = UserFactory(email="known@example.org", groups=[team_of(lisbon).group])
    output = io.StringIO()

    call_command("invite_editor", "KNOWN@example.org", "--city", "barcelona", stdout=output)

    existing.refresh_from_db()
    assert set(existing.groups.all()) == {team_of(lisbon).group, team_of(barcelona).group}
    assert existing.check_password(PASSWORD)
    assert "existing account" in output.getvalue()
    assert "/admin/login/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not-an-address", "team": "first"}, "Enter a valid email address."),
        ({"email": "a@example.org", "team": ""}, "This field is required."),
        ({"email": "a@example.org", "team": "999999"}, "Select a valid choice."),
        ({"email": "a@example.org", "team": "nope"}, "Select a valid choice."),
        ({"email": "", "team": "first"}, "This field is required."),
    ],
)
def test_bad_invitations_show_errors_not_500s(moderator_client, barcelona, data, error):
    if data["team"] == "first":
        data["team"] = team_of(barcelona).pk
    response = moderator_client.post(INVITE_URL, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(email=data["email"]).exists()


def test_deactivated_accounts_are_not_silently_reactivated(moderator_client, barcelona):
    UserFactory(email="gone@example.org", is_active=False)
    response = moderator_client.post(
        INVITE_URL, {"email": "gone@example.org", "team": team_of(barcelona).pk}
    )

    assert response.status_code == 200
    assert "deactivated" in response.content.decode()


def test_only_moderators_and_superusers_may_invite(barcelona_editor):
    editor = Client()
    editor.force_login(barcelona_editor)
    assert editor.get(INVITE_URL)["Location"] == "/admin/"
    assert Client().get(INVITE_URL)["Location"].startswith("/admin/login/")
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    assert admin.get(INVITE_URL).status_code == 200


def test_the_command_explains_unknown_cities():
    with pytest.raises(CommandError, match="Known slugs: .*barcelona"):
        call_command("invite_editor", "a@example.org", "--city", "atlantis")
    with pytest.raises(CommandError, match="valid email"):
        call_command("invite_editor", "nope", "--region", "europe")
