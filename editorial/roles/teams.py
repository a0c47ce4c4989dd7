"""The records a team is made of: its row, its group, its collections and the review workflow,
each created when missing and repaired when renamed, moved or switched off."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupApprovalTask, Workflow, WorkflowTask

from editorial.models import EditorialTeam

from .policy import APPROVAL_TASK_NAME, WORKFLOW_NAME
from .report import SyncReport


def get_or_create_team(kind, report: SyncReport, **lookup) -> EditorialTeam:
    """The team bound to `lookup` (a translation key or a locale; the kind for moderators)."""
    lookup = lookup or {"kind": kind}
    teams = EditorialTeam.objects.select_related("group", "collection", "folder", "workflow")
    team = teams.filter(**lookup).first()
    if team is None:
        team = EditorialTeam.objects.create(**{"kind": kind, **lookup})
        report.note(f"Created {kind} team {team.pk}")
    elif team.kind != kind:
        raise ValueError(f"Editorial team {team.pk} is a {team.kind} team, not a {kind} team.")
    return team


def ensure_group(team: EditorialTeam, names: list[str], report: SyncReport) -> Group:
    """The team's group, named after its page or language. An unbound group that already has the
    wanted name is taken over (its permissions are then set to the role's); if another team's
    group has the name, the next candidate is used."""
    group = team.group
    if group is None:
        for name in names:
            existing = Group.objects.filter(name=name).first()
            if existing is None:
                group = Group.objects.create(name=name)
                report.note(f"Created group {name!r}")
                break
            if not EditorialTeam.objects.filter(group=existing).exists():
                group = existing
                report.note(f"Bound existing group {name!r}")
                break
        else:
            raise ValueError(f"Every name for this team is taken by another team: {names}")
        team.group = group
        team.save(update_fields=["group"])
        return group
    if group.name not in names:
        for name in names:
            if not Group.objects.filter(name=name).exclude(pk=group.pk).exists():
                report.note(f"Renamed group {group.name!r} to {name!r}")
                group.name = name
                group.save(update_fields=["name"])
                break
    return group


def ensure_collection(
    team: EditorialTeam, field: str, name: str, parent: Collection, report: SyncReport
) -> Collection:
    """The team's collection in `field`, created, moved under `parent` or renamed as needed.
    Tree nodes are re-read before every change: cached paths go stale as the tree changes."""
    parent = Collection.objects.get(pk=parent.pk)
    collection = getattr(team, field)
    if collection is None:
        collection = parent.add_child(name=name)
        setattr(team, field, collection)
        team.save(update_fields=[field])
        report.note(f"Created collection {name!r} in {parent.name!r}")
        return collection
    collection = Collection.objects.get(pk=collection.pk)
    if collection.get_parent().pk != parent.pk:
        collection.move(parent, pos="sorted-child")
        collection = Collection.objects.get(pk=collection.pk)
        report.note(f"Moved collection {collection.name!r} into {parent.name!r}")
    if collection.name != name:
        report.note(f"Renamed collection {collection.name!r} to {name!r}")
        collection.name = name
        collection.save(update_fields=["name"])
    setattr(team, field, collection)
    return collection


def ensure_workflow(team: EditorialTeam, group: Group, report: SyncReport) -> Workflow:
    """The "Secretariat review" workflow: one group approval task for the moderators."""
    workflow = team.workflow
    if workflow is None:
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
            report.note(f"Created workflow {WORKFLOW_NAME!r}")
        team.workflow = workflow
        team.save(update_fields=["workflow"])
    changed_fields = []
    if workflow.name != WORKFLOW_NAME:
        workflow.name = WORKFLOW_NAME
        changed_fields.append("name")
    if not workflow.active:
        workflow.active = True
        changed_fields.append("active")
    if changed_fields:
        workflow.save(update_fields=changed_fields)
        report.note(f"Restored workflow {WORKFLOW_NAME!r}: {', '.join(changed_fields)}")
    task_ids = WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
    approval = GroupApprovalTask.objects.filter(pk__in=task_ids, groups=group).first()
    if approval is None:
        approval = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        approval.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=len(task_ids))
        report.note(f"Added task {APPROVAL_TASK_NAME!r} for {group.name!r} to {workflow.name!r}")
    if not approval.active:
        approval.active = True
        approval.save(update_fields=["active"])
        report.note(f"Reactivated task {approval.name!r}")
    return workflow


def holds_media(collection: Collection) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return (
        get_image_model().objects.filter(collection=collection).exists()
        or get_document_model().objects.filter(collection=collection).exists()
    )
