"""Emails anyone can make the site send are limited per hour: password resets per requesting
address and per email asked for, invitations per inviter and per invited email."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import translation

from editorial.invitations import InvitationError, invite
from editorial.roles import sync_moderators

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]
RESET_URL = "/admin/password_reset/"
LIMITED = "Too many password reset requests"


@pytest.fixture(autouse=True)
def limits():
    with override_settings(
        PASSWORD_RESETS_PER_HOUR_PER_ADDRESS=5,
        ACCOUNT_EMAILS_PER_HOUR_PER_RECIPIENT=3,
        INVITATIONS_PER_HOUR_PER_INVITER=4,
    ):
        yield


@pytest.fixture
def ana(db):
    return get_user_model().objects.create_user("ana", "ana@example.org", "a-long-password-4")


def ask_reset(email, address="203.0.113.7"):
    return Client().post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_one_address_may_ask_five_resets_an_hour(ana, mailoutbox):
    responses = [ask_reset(f"person{n}@example.org") for n in range(4)]
    responses.append(ask_reset("ana@example.org"))
    assert [response.status_code for response in responses] == [302] * 5
    assert len(mailoutbox) == 1

    sixth = ask_reset("ana@example.org")
    assert sixth.status_code == 429
    assert LIMITED in sixth.content.decode()
    assert len(mailoutbox) == 1
    # Another address is not held up.
    assert ask_reset("ana@example.org", address="198.51.100.20").status_code == 302


def test_one_email_gets_at_most_three_resets_an_hour_whoever_asks(ana, mailoutbox):
    addresses = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"]
    responses = [ask_reset("ana@example.org", address) for address in addresses]
    assert [response.status_code for response in responses] == [302, 302, 302, 429]
    assert len(mailoutbox) == 3


def test_the_limit_says_nothing_about_which_emails_have_accounts(ana, mailoutbox):
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        assert ask_reset("ana@example.org", address).status_code == 302
        assert ask_reset("nobody@example.org", address).status_code == 302
    known = ask_reset("ana@example.org", "203.0.113.9")
    unknown = ask_reset("nobody@example.org", "203.0.113.9")
    assert known.status_code == unknown.status_code == 429
    assert LIMITED in known.content.decode() and LIMITED in unknown.content.decode()
    assert len(mailoutbox) == 3


def test_the_limit_message_is_translated(ana):
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        ask_reset("ana@example.org", address)
    response = Client().post(RESET_URL, {"email": "ana@example.org"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert "Demasiadas solicitudes de restablecimiento" in response.content.decode()


@pytest.fixture
def moderators_team(db):
    with translation.override("en"):
        yield sync_moderators()


def test_one_email_is_invited_at_most_three_times_an_hour(moderators_team, mailoutbox):
    marta = get_user_model().objects.create_user("marta", "marta@example.org", "x-long-pass-5")
    for _ in range(3):
        invite("new.editor@example.org", moderators_team, invited_by=marta)
    with pytest.raises(InvitationError, match="Too many invitations"):
        invite("New.Editor@example.org", moderators_team, invited_by=marta)
    assert len(mailoutbox) == 3


def test_one_inviter_sends_a_bounded_number_of_invitations_an_hour(moderators_team, mailoutbox):
    marta = get_user_model().objects.create_user("marta", "marta@example.org", "x-long-pass-5")
    joao = get_user_model().objects.create_user("joao", "joao@example.org", "x-long-pass-6")
    for n in range(4):
        invite(f"editor{n}@example.org", moderators_team, invited_by=marta)
    with pytest.raises(InvitationError, match="Too many invitations"):
        invite("editor9@example.org", moderators_team, invited_by=marta)
    invite("editor9@example.org", moderators_team, invited_by=joao)
    assert len(mailoutbox) == 5
