"""Submitting a draft to the review workflow from outside Wagtail's page editor.

wagtail-localize edits translations in its own editor, which offers "Save draft" and, to those
who may publish, "Publish", but no way to submit a draft for moderation. Translators and editors
submit such drafts from the page's "More" menu instead, so translations pass through the same
review as everything else.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import WorkflowState


def can_submit_for_review(page, user) -> bool:
    """A draft its user may edit but not publish, waiting for nobody yet."""
    if not page.has_unpublished_changes or page.latest_revision_id is None:
        return False
    tester = page.permissions_for_user(user)
    return tester.can_edit() and not tester.can_publish() and tester.can_submit_for_moderation()


def submit_for_review(page, user) -> WorkflowState:
    """Start the page's workflow on its latest draft, or resume it if changes were requested."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return page.get_workflow().start(page, user)


class SubmitForReviewMenuItem(PageMenuItem):
    label = _("Submit for review")
    icon_name = "resubmit"
    url_name = "editorial:submit_for_review"

    def is_shown(self, user):
        return can_submit_for_review(self.page, user)
