"""Wagtail's SQLite search index mirrors each entry's title, body and autocomplete text into an FTS5
table, with a trigger that rewrites the FTS row after *any* update of the entry. Wagtail updates
every entry's `title_norm` (a ranking weight, not in the FTS table) after each rebuild, which
rewrote the whole FTS table: 20 s of a 5-minute rebuild at 50,000 case studies. Here the trigger
fires only when one of the mirrored columns changes, so what the FTS table holds is unchanged.
SQLite only; elsewhere, and where the trigger does not exist, nothing is done."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
TRIGGER = "update_wagtailsearch_indexentry_fts"
BODY = (
    f"BEGIN UPDATE {TABLE}_fts SET title=NEW.title, body=NEW.body, "
    f"autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"
)


def replace_trigger(schema_editor, columns: str):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER])
        if cursor.fetchone() is None:
            return
        cursor.execute(f"DROP TRIGGER {TRIGGER}")
        cursor.execute(f"CREATE TRIGGER {TRIGGER} AFTER UPDATE{columns} ON {TABLE} {BODY}")


def only_text_columns(apps, schema_editor):
    replace_trigger(schema_editor, " OF title, body, autocomplete")


def any_column(apps, schema_editor):
    replace_trigger(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(only_text_columns, any_column)]
