"""Translation sources that were current before the move to one case-study table stay current.

wagtail-localize records, on each translation source, the name of its app's last migration, and
warns in the translation editor ("the model's attributes have changed since the last sync") when
the app has a newer one. Migrations 0004-0006 changed how case studies are stored, not what is
translated: the same fields, the same segments. So every source recorded at the migration before
them, or during them, is marked as of this migration, the app's last; without this, translators
and moderators would read the warning on every case study and every theme. Sources older than
that keep their warning: their fields did change (0002 added the image's alternative text).

Unapplied, nothing is restored: the sources then carry a newer name than the app, which only
brings the warning back.
"""

from django.db import migrations

THIS_MIGRATION = "0007_translation_sources_current"
CURRENT_BEFORE_THE_MOVE = [
    "0003_taxonomy_review",
    "0004_casestudypage",
    "0005_copy_case_studies",
    "0006_case_study_children",
]


def mark_current(apps, schema_editor):
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationSource.objects.filter(
        specific_content_type__app_label="initiatives",
        schema_version__in=CURRENT_BEFORE_THE_MOVE,
    ).update(schema_version=THIS_MIGRATION)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_case_study_children"),
        ("wagtail_localize", "0013_translationsource_schema_version"),
    ]

    operations = [migrations.RunPython(mark_current, migrations.RunPython.noop)]
