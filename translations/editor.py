"""The translation editor, by role.

wagtail-localize's React editor builds its footer from the user's permissions: to a translator,
who may not publish, it offers "Delete" as the main action and "Convert to alias page" in its
menu, and nobody gets a workflow action. The editor's template (overridden in
translations/templates/wagtail_localize/admin/edit_translation.html) passes the editor's props
through `props_for` and shows `actions_for`: "Submit for review" to those who may not publish,
and the review task's own actions (Approve, Request changes) to those who review it.
"""

import dataclasses
import json

from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.models import DraftStateMixin, Page, WorkflowState

from translations import permissions


def props_for(props: str, instance, user) -> str:
    """The editor's props without the destructive actions for those who may not publish."""
    if not isinstance(instance, DraftStateMixin) or permissions.can_publish(user, instance):
        return props
    data = json.loads(props)
    data["perms"]["canDelete"] = False
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data)


def workflow_action_url(instance, action: str, task_state) -> str:
    if isinstance(instance, Page):
        return reverse(
            "wagtailadmin_pages:workflow_action", args=[instance.pk, action, task_state.pk]
        )
    return reverse(
        instance.snippet_viewset.get_url_name("workflow_action"),
        args=[quote(instance.pk), action, task_state.pk],
    )


def submit_for_review_url(instance, translation_id: int) -> str:
    if isinstance(instance, Page):
        return reverse("translations_submit_for_review", args=[instance.pk])
    return reverse("translations_submit_translation_for_review", args=[translation_id])


@dataclasses.dataclass
class ReviewAction:
    name: str
    label: str
    url: str


@dataclasses.dataclass
class EditorActions:
    submit_url: str | None = None  # "Submit for review", for those who may not publish
    resubmit: bool = False  # changes were requested: the submission resumes the review
    in_review: WorkflowState | None = None
    review_actions: list = dataclasses.field(default_factory=list)

    @property
    def replaces_footer(self) -> bool:
        return self.submit_url is not None or (
            self.in_review is not None and not self.review_actions
        )


def actions_for(instance, user, edit_url: str, translation_id: int) -> EditorActions:
    actions = EditorActions()
    if not hasattr(instance, "current_workflow_state"):
        return actions  # no review for this kind of object
    state = instance.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        actions.in_review = state
        task_state = state.current_task_state
        task = task_state.task.specific if task_state else None
        if task is not None:
            seen = set()
            for name, label, _modal in task.get_actions(instance, user):
                if name in seen:
                    continue  # "Approve with comment": the form always has a comment box
                seen.add(name)
                url = workflow_action_url(instance, name, task_state)
                actions.review_actions.append(ReviewAction(name, str(label), url))
        # The decision that takes it live comes first.
        actions.review_actions.sort(key=lambda action: action.name != "approve")
        return actions
    if (
        instance.has_workflow
        and permissions.can_edit(user, instance)
        and not permissions.can_publish(user, instance)
    ):
        actions.resubmit = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        actions.submit_url = submit_for_review_url(instance, translation_id) + f"?next={edit_url}"
    return actions


class SnippetReviewStatusSidePanel(StatusSidePanel):
    """The status panel of a snippet's translation, with the addresses its review section links
    to (the workflow's history, revision comparisons). wagtail-localize builds the panel without
    them, and once the snippet is in review the panel cannot render."""

    @classmethod
    def from_panel(cls, panel: StatusSidePanel) -> "SnippetReviewStatusSidePanel":
        review_panel = cls.__new__(cls)
        review_panel.__dict__.update(panel.__dict__)  # same state, one more context method
        return review_panel

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        viewset = self.object.snippet_viewset
        context["revisions_compare_url_name"] = viewset.get_url_name("revisions_compare")
        context["workflow_history_url"] = reverse(
            viewset.get_url_name("workflow_history"), args=[quote(self.object.pk)]
        )
        return context


def side_panels_for(side_panels, instance):
    if isinstance(instance, Page) or not hasattr(instance, "snippet_viewset"):
        return side_panels
    return [
        SnippetReviewStatusSidePanel.from_panel(panel) if type(panel) is StatusSidePanel else panel
        for panel in side_panels
    ]
