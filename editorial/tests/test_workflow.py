"""Nothing goes live without the secretariat: new pages, edits to live pages, translations and
scheduled pages all pass through "Secretariat review", and the editor hears the outcome."""

import datetime
import io
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page, WorkflowPage
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from editorial.roles import MODERATORS_GROUP_NAME, WORKFLOW_NAME
from home.models import HomePage
from initiatives.models import InitiativePage
from initiatives.tests.factories import InitiativePageFactory

from .admin_forms import add_initiative, edit_page, initiative_form, workflow_action
from .conftest import editor_of
from .factories import UserFactory
from .security import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(barcelona_editor):
    client = Client()
    client.force_login(barcelona_editor)
    return client


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def submit_new_initiative(client, parent, title="Night buses for shift workers", **fields):
    slug = title.lower().replace(" ", "-")
    with_capture = add_initiative(client, parent, title, slug, **fields)
    assert with_capture.status_code == 302, with_capture.content[:2000]
    return InitiativePage.objects.get(slug=slug, locale=parent.locale)


def original_live_initiative():
    """A live English initiative of a member city, written in English (a synced translation is
    edited in wagtail-localize's editor instead)."""
    for page in InitiativePage.objects.live().filter(locale__language_code="en").order_by("path"):
        synced = Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        )
        if page.lead_city and not synced.exists():
            return page
    raise AssertionError("The demo has no initiative written in English")


def test_the_review_workflow_guards_every_locale_root():
    roots = Page.objects.type(HomePage)
    assert roots.count() == Locale.objects.count()
    for root in roots:
        workflow = WorkflowPage.objects.get(page=root).workflow
        assert workflow.name == WORKFLOW_NAME and workflow.active
        [task] = [task.specific for task in workflow.tasks]
        assert [group.name for group in task.groups.all()] == [MODERATORS_GROUP_NAME]
    city_page = Page.objects.get(locale__language_code="es", slug="barcelona")
    assert city_page.get_workflow().name == WORKFLOW_NAME


def test_a_city_editors_new_page_waits_for_review_and_moderators_are_told(
    editor_client, barcelona, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = submit_new_initiative(editor_client, barcelona)

    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert Client().get(f"/en/europe/barcelona/{page.slug}/").status_code == 404
    assert any(moderator.email in message.to for message in mailoutbox)
    dashboard = editor_client.get("/admin/").content.decode()
    assert "Your pages and snippets in a workflow" in dashboard
    assert page.title in dashboard


def test_approval_publishes_the_page_and_emails_the_editor(
    editor_client,
    moderator_client,
    barcelona,
    barcelona_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = submit_new_initiative(editor_client, barcelona)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(moderator_client, page, "approve", comment="")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200
    [email] = [message for message in mailoutbox if barcelona_editor.email in message.to]
    assert "approved" in email.subject
    assert page.title in email.body


def test_requested_changes_reach_the_editor_with_the_comment(
    editor_client,
    moderator_client,
    barcelona,
    barcelona_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = submit_new_initiative(editor_client, barcelona)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(
            moderator_client, page, "reject", comment="Please add the budget and its source."
        )

    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"
    [email] = [message for message in mailoutbox if barcelona_editor.email in message.to]
    assert "Please add the budget and its source." in email.body
    dashboard = editor_client.get("/admin/").content.decode()
    assert page.title in dashboard
    assert "Changes requested at" in dashboard


def test_an_edit_to_a_live_page_stays_a_draft_until_approved(moderator_client):
    page = original_live_initiative()
    live_title = page.title
    editor_client = Client()
    editor_client.force_login(editor_of(page.lead_city))

    edit_page(editor_client, page, initiative_form("A clearer title", page.slug, "action-publish"))
    page.refresh_from_db()
    assert page.title == live_title  # "publish" from an editor only saved a draft
    assert page.get_latest_revision_as_object().title == "A clearer title"

    edit_page(editor_client, page, initiative_form("A clearer title", page.slug, "action-submit"))
    page.refresh_from_db()
    assert page.title == live_title and page.workflow_in_progress

    workflow_action(moderator_client, page, "approve", comment="")
    page.refresh_from_db()
    assert page.title == "A clearer title"


def test_editors_cannot_approve_their_own_submission(editor_client, barcelona):
    page = submit_new_initiative(editor_client, barcelona)

    response = workflow_action(editor_client, page, "approve", comment="")

    assert refused(response)
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_scheduled_publishing_goes_through_the_same_review(
    editor_client, moderator_client, barcelona
):
    # A few seconds ahead, so that the test can wait for the time to come.
    go_live_at = timezone.localtime() + datetime.timedelta(seconds=5)
    page = submit_new_initiative(
        editor_client,
        barcelona,
        title="Heat shelters for the summer",
        go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M:%S"),
    )
    assert not page.live and page.workflow_in_progress

    workflow_action(moderator_client, page, "approve", comment="")
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision.approved_go_live_at is not None

    time.sleep(max(0.0, (go_live_at - timezone.localtime()).total_seconds()) + 0.5)
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live


def test_a_scheduled_page_does_not_go_live_unapproved(editor_client, barcelona):
    go_live_at = timezone.localtime() - datetime.timedelta(minutes=1)
    page = submit_new_initiative(
        editor_client,
        barcelona,
        title="Cool roofs",
        go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M:%S"),
    )

    call_command("publish_scheduled", stdout=io.StringIO())

    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_new_translations_are_drafts_until_the_secretariat_publishes_them(moderator, barcelona):
    source = InitiativePageFactory(parent=barcelona, title="Shared bicycles", slug="bicycles")
    source.save_revision().publish()
    french = Locale.objects.get(language_code="fr")

    TranslationCreator(moderator, [french]).create_translations(source)

    translation = source.get_translation(french)
    assert not translation.live
    assert translation.get_workflow().name == WORKFLOW_NAME


def test_a_translators_draft_goes_to_review_from_the_page_menu(
    moderator_client, barcelona, mailoutbox, django_capture_on_commit_callbacks
):
    french_city = barcelona.get_translation(Locale.objects.get(language_code="fr"))
    page = french_city.get_children().live().first().specific
    translator = UserFactory(groups=[Group.objects.get(name="Translators (French)")])
    page.title = "Un titre plus clair"
    page.save_revision(user=translator)  # what wagtail-localize's "Save draft" does
    client = Client()
    client.force_login(translator)
    submit_url = f"/admin/secretariat/pages/{page.pk}/submit/"

    assert submit_url in client.get(f"/admin/pages/{french_city.pk}/").content.decode()
    assert client.get(submit_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url)

    page.refresh_from_db()
    assert page.workflow_in_progress and page.title != "Un titre plus clair"
    assert "Un titre plus clair" in moderator_client.get("/admin/").content.decode()
    assert any("Un titre plus clair" in message.body for message in mailoutbox)
    # Already waiting: it says so, rather than refusing as if the translator had no right.
    again = client.post(submit_url, follow=True)
    assert "is already in review" in again.content.decode()
    assert again.redirect_chain[-1][0] == f"/admin/pages/{page.pk}/edit/"

    workflow_action(moderator_client, page, "approve", comment="")
    page.refresh_from_db()
    assert page.live and page.title == "Un titre plus clair"


def test_only_those_who_may_edit_but_not_publish_can_submit_a_draft(
    moderator_client, barcelona, lisbon_editor
):
    page = barcelona.get_children().live().first().specific
    page.save_revision()
    submit_url = f"/admin/secretariat/pages/{page.pk}/submit/"
    other_city = Client()
    other_city.force_login(lisbon_editor)

    assert refused(other_city.post(submit_url))
    assert refused(moderator_client.post(submit_url))  # moderators publish directly
    page.refresh_from_db()
    assert not page.workflow_in_progress


def test_the_demo_loader_still_publishes_the_translations_it_makes(settings):
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    live = {
        (key, locale): is_live
        for key, locale, is_live in Page.objects.values_list("translation_key", "locale", "live")
    }
    targets = [
        (translation.source.object_id, translation.target_locale_id)
        for translation in Translation.objects.select_related("source")
    ]
    page_targets = [target for target in targets if target in live]
    assert len(page_targets) > 300
    assert [target for target in page_targets if not live[target]] == []
