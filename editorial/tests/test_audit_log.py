"""The audit log records each editorial action with who did it, and refused attempts leave none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry

from editorial.invitations import INVITE_ACTION, invite
from initiatives.models import InitiativePage, Theme

from .admin_forms import add_initiative, edit_page, initiative_form, workflow_action
from .conftest import team_of
from .factories import PIXEL_GIF
from .security import attempt

pytestmark = pytest.mark.django_db


def logged(page, action):
    return list(
        PageLogEntry.objects.filter(page=page, action=action).values_list("user", flat=True)
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_each_step_of_a_review_is_logged_with_its_author(barcelona, barcelona_editor, moderator):
    editor, secretariat = signed_in(barcelona_editor), signed_in(moderator)

    add_initiative(editor, barcelona, "Tree census", "tree-census")
    page = InitiativePage.objects.get(slug="tree-census")
    workflow_action(secretariat, page, "reject", comment="Add the number of trees.")
    edit_page(editor, page, initiative_form("Tree census", "tree-census", "action-submit"))
    workflow_action(secretariat, page, "approve", comment="")
    secretariat.post(f"/admin/pages/{page.pk}/unpublish/")

    assert logged(page, "wagtail.create") == [barcelona_editor.pk]
    assert barcelona_editor.pk in logged(page, "wagtail.workflow.start")
    assert logged(page, "wagtail.workflow.reject") == [moderator.pk]
    assert logged(page, "wagtail.workflow.approve") == [moderator.pk]
    assert logged(page, "wagtail.publish") == [moderator.pk]
    assert logged(page, "wagtail.unpublish") == [moderator.pk]
    comment = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject").comment
    assert comment == "Add the number of trees."


def test_media_snippet_and_invitation_actions_are_logged(barcelona, barcelona_editor, moderator):
    signed_in(barcelona_editor).post(
        "/admin/images/add/",
        {"title": "Tree map", "file": SimpleUploadedFile("tree.gif", PIXEL_GIF, "image/gif")},
    )
    image = get_image_model().objects.get(title="Tree map")
    theme = Theme.objects.filter(locale__language_code="en").first()
    signed_in(moderator).post(
        f"/admin/snippets/initiatives/theme/edit/{theme.pk}/",
        {"name": "Climate", "slug": theme.slug, "description": "", "colour": theme.colour},
    )
    invitation = invite("new.editor@example.org", team_of(barcelona), invited_by=moderator)

    def model_log(instance, action):
        return list(
            ModelLogEntry.objects.filter(
                object_id=str(instance.pk),
                content_type__model=instance._meta.model_name,
                action=action,
            ).values_list("user", flat=True)
        )

    assert model_log(image, "wagtail.create") == [barcelona_editor.pk]
    assert model_log(theme, "wagtail.edit") == [moderator.pk]
    assert model_log(invitation.user, INVITE_ACTION) == [moderator.pk]


def test_refused_attempts_leave_no_trace(barcelona, lisbon_editor):
    page = barcelona.get_children().live().first()
    before = PageLogEntry.objects.filter(page=page).count()
    client = signed_in(lisbon_editor)

    for action in ("edit", "publish", "unpublish", "delete", "move"):
        attempt(client, action, page, destination=page.get_parent())
    client.post(f"/admin/pages/{page.pk}/edit/", {"title": "Taken over"})

    assert PageLogEntry.objects.filter(page=page).count() == before
