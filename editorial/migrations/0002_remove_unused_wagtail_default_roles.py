"""Remove the roles a new Wagtail site starts with, now that editorial teams replace them.

Wagtail's "Editors" group may add and change every page from the root, and its "Moderators" group
and "Moderators approval" workflow sit beside the Secretariat review. Anyone added to them by
mistake would escape the city-by-city permissions, so they go — but only while nobody uses them.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]
DEFAULT_WORKFLOW = "Moderators approval"


def remove_unused_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.workflow_tasks.all().delete()
            workflow.workflow_pages.all().delete()
            workflow.delete()
    for task in Task.objects.filter(name=DEFAULT_WORKFLOW):
        if not TaskState.objects.filter(task=task).exists() and not task.workflow_tasks.exists():
            task.delete()
    Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_unused_defaults, migrations.RunPython.noop)]
