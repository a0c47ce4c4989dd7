"""Repeated failed sign-ins lock that username from that address, even with the right password,
until the cool-off ends or the secretariat unlocks it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import ModelLogEntry

from editorial.roles import sync_moderators

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.without_demo_content,
]
LOGIN_URL = "/admin/login/"
LOCKED_URL = "/admin/locked-sign-ins/"
PASSWORD = "a-long-sign-in-password-3"


@pytest.fixture(autouse=True)
def lockout_on():
    # Off in the test settings (the test client's login() gives axes no request); on here.
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5):
        yield


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("ana", "ana@example.org", PASSWORD)
    user.user_permissions.add(*_permissions("wagtailadmin.access_admin"))
    return user


@pytest.fixture
def moderator(db):
    team = sync_moderators()
    user = get_user_model().objects.create_user("marta", "marta@example.org", PASSWORD)
    user.groups.add(team.group)
    return user


def _permissions(*names):
    from django.contrib.auth.models import Permission

    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (name.split(".") for name in names)
    ]


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.7"):
    return [sign_in(client, username, "wrong-password", address) for _ in range(times)]


def test_five_failures_lock_the_username_from_that_address_even_with_the_right_password(editor):
    client = Client()
    responses = fail(client, "ana", 4)
    assert [response.status_code for response in responses] == [200] * 4
    assert "Too many failed sign-in attempts" not in responses[-1].content.decode()

    fifth = fail(client, "ana", 1)[0]
    assert fifth.status_code == 429
    assert "Too many failed sign-in attempts" in fifth.content.decode()
    assert "15 minutes" in fifth.content.decode()

    right = sign_in(client, "ana", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert "Too many failed sign-in attempts" in page
    # The sign-in form is shown again, with the lockout as its only error.
    assert 'name="username"' in page
    assert "Your username and password didn" not in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_for_that_username_from_that_address_only(editor):
    get_user_model().objects.create_user("joao", "joao@example.org", PASSWORD)
    fail(Client(), "ana", 5)

    assert sign_in(Client(), "ana", PASSWORD, address="198.51.100.20").status_code == 302
    assert sign_in(Client(), "joao", PASSWORD).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(editor):
    client = Client()
    fail(client, "ana", 4)
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    fail(client, "ana", 4)
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_the_lockout_message_is_translated(editor):
    client = Client()
    fail(client, "ana", 4)
    with translation.override("fr"):
        response = client.post(
            LOGIN_URL,
            {"username": "ana", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_a_moderator_sees_the_locked_sign_in_and_unlocks_it(editor, moderator):
    fail(Client(), "ana", 5)
    secretariat = Client()
    secretariat.force_login(moderator)

    listing = secretariat.get(LOCKED_URL)
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "ana" in page and "203.0.113.7" in page
    attempt = AccessAttempt.objects.get(username="ana")

    response = secretariat.post(f"{LOCKED_URL}{attempt.pk}/unlock/", follow=True)
    assert "Unlocked ana from 203.0.113.7." in response.content.decode()
    assert "No sign-in is locked out." in response.content.decode()
    assert sign_in(Client(), "ana", PASSWORD).status_code == 302
    entry = ModelLogEntry.objects.get(action="accounts.unlock")
    assert (entry.object_id, entry.user) == (str(editor.pk), moderator)


def test_the_locked_sign_ins_are_the_secretariat_s_alone(editor, moderator):
    fail(Client(), "ana", 5)
    attempt = AccessAttempt.objects.get(username="ana")
    other = get_user_model().objects.create_user("joao", "joao@example.org", PASSWORD)
    other.user_permissions.add(*_permissions("wagtailadmin.access_admin"))
    client = Client()
    client.force_login(other)

    assert client.get(LOCKED_URL).status_code in (302, 403)
    assert client.post(f"{LOCKED_URL}{attempt.pk}/unlock/").status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert b"Locked-out sign-ins" not in client.get("/admin/").content


def test_unlocking_is_a_post(moderator):
    client = Client()
    client.force_login(moderator)
    assert client.get(f"{LOCKED_URL}1/unlock/").status_code == 405
    response = client.post(f"{LOCKED_URL}999999/unlock/", follow=True)
    assert "That sign-in is no longer locked." in response.content.decode()
