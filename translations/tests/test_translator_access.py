"""Translators and city editors translate without the secretariat's help: they start translations
into the languages their role allows, find them in a queue on their dashboard, hear about new work
by email, and submit from an editor that offers them what they may do. Each test signs in as the
role, never as a superuser."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail.users.models import UserProfile

from cities.models import MemberCityPage
from editorial.roles import MODERATORS_GROUP_NAME
from editorial.tests.conftest import editor_of
from editorial.tests.factories import UserFactory
from editorial.tests.security import refused
from initiatives.tests.factories import InitiativePageFactory
from translations.queue import queue_for

from .conftest import fetch

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def translator(code="fr", **kwargs):
    name = {"fr": "French", "es": "Spanish"}[code]
    return UserFactory(groups=[Group.objects.get(name=f"Translators ({name})")], **kwargs)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def new_case(city="barcelona", title="Superblocks for the metropolis"):
    """A case study just written and published in English, translated into nothing yet."""
    parent = MemberCityPage.objects.get(locale=locale("en"), slug=city)
    page = InitiativePageFactory(
        parent=parent, locale=parent.locale, title=title, summary="Streets given back."
    )
    page.save_revision().publish()
    return fetch(page)


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def start_translation(client, page, code):
    return client.post(submit_url(page), {"locales": [locale(code).pk]})


@pytest.fixture
def barcelona(db):
    return MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")


@pytest.fixture
def moderator(db):
    return UserFactory(groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)])


# Starting a translation ------------------------------------------------------------------------


def test_a_translator_translates_any_page_into_their_language_only():
    page = new_case()
    client = client_for(translator("fr"))

    form = client.get(submit_url(page))
    assert form.status_code == 200
    offered = set(form.context["form"].fields["locales"].queryset)
    assert offered == {locale("fr")}

    refused = start_translation(client, page, "es")
    assert refused.status_code == 200  # the form, with its error
    assert page.get_translation_or_none(locale("es")) is None

    response = start_translation(client, page, "fr")
    french = page.get_translation(locale("fr"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[french.pk])
    assert client.get(response.url).status_code == 200


def test_a_city_editor_translates_their_own_city_pages_only(barcelona):
    client = client_for(editor_of(barcelona))
    own, other = new_case("barcelona"), new_case("lisbon", title="Tiles for the metropolis")

    assert client.get(submit_url(own)).status_code == 200
    assert start_translation(client, own, "es").status_code == 302
    assert own.get_translation_or_none(locale("es")) is not None

    assert refused(client.get(submit_url(other)))
    assert refused(start_translation(client, other, "es"))
    assert other.get_translation_or_none(locale("es")) is None


def test_people_without_a_role_cannot_start_translations():
    page = new_case()
    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert refused(client_for(admin_only).get(submit_url(page)))
    assert refused(start_translation(client_for(admin_only), page, "fr"))
    assert page.get_translation_or_none(locale("fr")) is None


def test_the_page_listing_offers_translate_to_a_city_editor(barcelona):
    page = new_case()
    html = client_for(editor_of(barcelona)).get(f"/admin/pages/{barcelona.pk}/").content.decode()
    assert submit_url(page) in html


# The queue ---------------------------------------------------------------------------------------


def test_the_translator_queue_lists_new_and_outdated_work_newest_first(
    django_assert_max_num_queries,
):
    user = translator("fr")
    older = new_case(title="Older case")
    newer = new_case(title="Newer case")

    with django_assert_max_num_queries(10):
        items = queue_for(user)
    titles = [item.page.title for item in items]
    assert titles.index("Newer case") < titles.index("Older case")
    first = items[0]
    assert first.locale == locale("fr") and not first.outdated
    assert first.url == f"{submit_url(newer)}?select_locale=fr"

    html = client_for(user).get("/admin/").content.decode()
    assert "To translate" in html
    assert f"{submit_url(newer)}?select_locale=fr" in html

    # Once translated and then changed, the page comes back as an outdated translation.
    client_for(user).post(submit_url(older), {"locales": [locale("fr").pk]})
    french = older.get_translation(locale("fr"))
    french.save_revision().publish()
    older.summary = "A new summary to translate."
    older.save_revision().publish()
    items = queue_for(user)
    outdated = next(item for item in items if item.page.pk == french.pk)
    assert outdated.outdated
    assert outdated.url == reverse("wagtailadmin_pages:edit", args=[french.pk])


def test_a_city_editor_queue_holds_only_their_city(barcelona):
    user = editor_of(barcelona)
    new_case("barcelona", title="Barcelona case")
    new_case("lisbon", title="Lisbon case")
    titles = {item.page.title for item in queue_for(user)}
    assert "Barcelona case" in titles
    assert "Lisbon case" not in titles
    assert "To translate" in client_for(user).get("/admin/").content.decode()


def test_moderators_keep_their_outdated_translations_panel(moderator):
    html = client_for(moderator).get("/admin/").content.decode()
    assert 'id="translation-queue-section"' not in html


# Emails ----------------------------------------------------------------------------------------


def test_translators_hear_of_a_new_original_in_their_language(django_capture_on_commit_callbacks):
    french = translator("fr", email="claire@example.org", first_name="Claire")
    UserProfile.objects.update_or_create(user=french, defaults={"preferred_language": "fr"})
    translator("es", email="")  # no address: nothing to send
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = new_case(title="Rooftop gardens on schools")

    to_claire = [message for message in mail.outbox if message.to == ["claire@example.org"]]
    assert len(to_claire) == 1
    assert "Rooftop gardens on schools" in to_claire[0].subject
    assert f"{submit_url(page)}?select_locale=fr" in to_claire[0].body


def test_queue_emails_can_be_turned_off(settings, django_capture_on_commit_callbacks):
    settings.TRANSLATION_QUEUE_EMAILS = False
    translator("fr", email="claire@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_case(title="Quiet case")
    assert mail.outbox == []


# The translation editor, by role ---------------------------------------------------------------


def editor_props(html):
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    return json.loads(
        match.group(1).replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    )


def test_translators_submit_for_review_and_moderators_approve_from_the_editor():
    page = new_case()
    author = translator("fr")
    client = client_for(author)
    start_translation(client, page, "fr")
    french = fetch(page.get_translation(locale("fr")))
    edit = reverse("wagtailadmin_pages:edit", args=[french.pk])

    html = client.get(edit).content.decode()
    props = editor_props(html)
    assert props["perms"]["canDelete"] is False
    assert props["perms"]["canPublish"] is False
    assert props["links"]["convertToAliasUrl"] is None
    assert "Submit for review" in html

    submitted = client.post(
        reverse("translations_submit_for_review", args=[french.pk]) + f"?next={edit}"
    )
    assert submitted.status_code == 302
    french = fetch(french)
    assert french.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # A second submission says what happened instead of refusing.
    again = client.post(reverse("translations_submit_for_review", args=[french.pk]), follow=True)
    assert again.status_code == 200
    assert "already in review" in again.content.decode()

    moderator = UserFactory(groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)])
    reviewer = client_for(moderator)
    html = reviewer.get(edit).content.decode()
    task_state = french.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[french.pk, "approve", task_state.pk]
    )
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[french.pk, "reject", task_state.pk]
    )
    assert approve in html and reject in html
    assert "Approve" in html and "Request changes" in html

    reviewer.post(approve, {"comment": "", "next": edit})
    french = fetch(french)
    assert french.live
    assert french.current_workflow_state is None


def test_requested_changes_are_resubmitted_from_the_editor():
    page = new_case()
    client = client_for(translator("fr"))
    start_translation(client, page, "fr")
    french = fetch(page.get_translation(locale("fr")))
    client.post(reverse("translations_submit_for_review", args=[french.pk]))
    moderator = client_for(UserFactory(groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)]))
    task_state = fetch(french).current_workflow_task_state
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[french.pk, "reject", task_state.pk]),
        {"comment": "Translate the summary."},
    )
    edit = reverse("wagtailadmin_pages:edit", args=[french.pk])
    assert "Resubmit for review" in client.get(edit).content.decode()
    client.post(reverse("translations_submit_for_review", args=[french.pk]))
    assert fetch(french).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_those_who_publish_keep_the_full_editor(moderator):
    page = new_case()
    client = client_for(moderator)
    start_translation(client, page, "fr")
    french = page.get_translation(locale("fr"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).content.decode()
    assert editor_props(html)["perms"]["canPublish"] is True
    assert "Submit for review" not in html
    assert isinstance(Page.objects.get(pk=french.pk), Page)
