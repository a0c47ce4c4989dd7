"""Case studies get one table: step 3 of 3.

InitiativePage and SolutionPage become children of CaseStudyPage: their copies of the shared fields
and links go, and their parent link, whose values are the page ids the case-study table now holds
too, is renamed casestudypage_ptr and pointed at that table. The ids never change, so no row of
the page tree, revisions, translations or logs needs rewriting. Django cannot detect a change of
parent, hence the operation below.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.migrations.operations.base import Operation

CHILDREN = ["initiativepage", "solutionpage"]
SHARED_FIELDS = [
    "summary",
    "body",
    "status",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "funding_sources",
    "partner_organisations",
    "results",
    "key_figures",
    "contacts",
    "resources",
    "featured",
    "image",
    "image_alt_text",
    "themes",
    "sdgs",
    "partner_cities",
]


def parent_link(to):
    return models.OneToOneField(
        auto_created=True,
        on_delete=django.db.models.deletion.CASCADE,
        parent_link=True,
        primary_key=True,
        serialize=False,
        to=to,
    )


class ChangeParent(Operation):
    """Moves a multi-table child under another parent model: its base and its parent link's
    target change together (the link's column and values stay), which keeps every intermediate
    state a valid model."""

    reversible = True

    def __init__(self, model_name, link_name, old_parent, new_parent):
        self.model_name = model_name
        self.link_name = link_name
        self.old_parent = old_parent
        self.new_parent = new_parent

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {
                "model_name": self.model_name,
                "link_name": self.link_name,
                "old_parent": self.old_parent,
                "new_parent": self.new_parent,
            },
        )

    def describe(self):
        return f"Make {self.model_name} a child of {self.new_parent}"

    def _move(self, app_label, state, parent):
        state.models[app_label, self.model_name].bases = (parent,)
        # Reloads the model and those related to it, with the new base.
        state.alter_field(app_label, self.model_name, self.link_name, parent_link(parent), True)

    def state_forwards(self, app_label, state):
        self._move(app_label, state, self.new_parent)

    def state_backwards(self, app_label, state):
        self._move(app_label, state, self.old_parent)

    def _alter(self, app_label, schema_editor, from_state, to_state):
        # The model of the state moved to: on SQLite the table is rebuilt from its bases, and a
        # base the link does not point at would get a parent link of its own.
        model = to_state.apps.get_model(app_label, self.model_name)
        old_link = from_state.apps.get_model(app_label, self.model_name)._meta.get_field(
            self.link_name
        )
        schema_editor.alter_field(model, old_link, model._meta.get_field(self.link_name))

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._alter(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._alter(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_copy_case_studies")]

    operations = [
        *(
            migrations.RemoveField(model_name=child, name=name)
            for child in CHILDREN
            for name in SHARED_FIELDS
        ),
        *(
            operation
            for child in CHILDREN
            for operation in (
                migrations.RenameField(
                    model_name=child, old_name="page_ptr", new_name="casestudypage_ptr"
                ),
                ChangeParent(
                    model_name=child,
                    link_name="casestudypage_ptr",
                    old_parent="wagtailcore.page",
                    new_parent="initiatives.casestudypage",
                ),
            )
        ),
    ]
