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

from django.urls import reverse
from wagtail.models import Page, WorkflowState


def props_for(props: str, instance, user) -> str:
    """The editor's props without the destructive actions for those who may not publish."""
    if not isinstance(instance, Page) or instance.permissions_for_user(user).can_publish():
        return props
    data = json.loads(props)
    data["perms"]["canDelete"] = False
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data)


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


def actions_for(instance, user, edit_url: str) -> EditorActions:
    actions = EditorActions()
    if not isinstance(instance, Page):
        return actions
    permissions = instance.permissions_for_user(user)
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
                url = reverse(
                    "wagtailadmin_pages:workflow_action", args=[instance.pk, name, task_state.pk]
                )
                actions.review_actions.append(ReviewAction(name, str(label), url))
        # The decision that takes it live comes first.
        actions.review_actions.sort(key=lambda action: action.name != "approve")
        return actions
    if permissions.can_edit() and not permissions.can_publish() and instance.has_workflow:
        actions.resubmit = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        actions.submit_url = (
            reverse("translations_submit_for_review", args=[instance.pk]) + f"?next={edit_url}"
        )
    return actions
