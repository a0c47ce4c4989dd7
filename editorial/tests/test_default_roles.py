"""Wagtail's starter roles are gone, so nobody can be given site-wide editing by mistake."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage

pytestmark = pytest.mark.django_db


def test_wagtail_starter_groups_and_workflow_are_removed():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_only_the_secretariat_review_is_assigned():
    assert set(WorkflowPage.objects.values_list("workflow__name", flat=True)) == {
        "Secretariat review"
    }
