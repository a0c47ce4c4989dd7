"""Case studies get one table: step 2 of 3.

Copies every initiative's and shared solution's common fields, and its themes, goals and partner
cities, into the case-study table under the same page id; unapplied, copies them back. Plain SQL
(INSERT … SELECT, UPDATE with subqueries) that SQLite and PostgreSQL both run: the values move as
the database holds them, with no Python conversion of the streams, decimals or dates on the way.
Data only, so that PostgreSQL changes no table in the same transaction (0004 and 0006 do).
"""

from django.db import migrations

CHILDREN = ["InitiativePage", "SolutionPage"]
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
]
SHARED_LINKS = ["themes", "sdgs", "partner_cities"]


def columns(model):
    return [model._meta.get_field(name).column for name in SHARED_FIELDS]


def link_table(model, name):
    """The many-to-many table of a link: its name, its column for the page, its column for the
    linked object."""
    field = model._meta.get_field(name)
    return field.m2m_db_table(), field.m2m_column_name(), field.m2m_reverse_name()


def copy_to_case_studies(apps, schema_editor):
    quote = schema_editor.quote_name
    case_study = apps.get_model("initiatives", "CaseStudyPage")
    with schema_editor.connection.cursor() as cursor:
        for name in CHILDREN:
            child = apps.get_model("initiatives", name)
            shared = ", ".join(quote(column) for column in columns(child))
            cursor.execute(
                f"INSERT INTO {quote(case_study._meta.db_table)} (page_ptr_id, {shared}) "
                f"SELECT page_ptr_id, {shared} FROM {quote(child._meta.db_table)}"
            )
            for link in SHARED_LINKS:
                table, page, target = link_table(case_study, link)
                old_table, old_page, old_target = link_table(child, link)
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({quote(page)}, {quote(target)}) "
                    f"SELECT {quote(old_page)}, {quote(old_target)} FROM {quote(old_table)} "
                    "ORDER BY id"
                )


def copy_back_to_children(apps, schema_editor):
    quote = schema_editor.quote_name
    case_study = apps.get_model("initiatives", "CaseStudyPage")
    source = quote(case_study._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        for name in CHILDREN:
            child = apps.get_model("initiatives", name)
            target = quote(child._meta.db_table)
            assignments = ", ".join(
                f"{quote(column)} = (SELECT {quote(column)} FROM {source} "
                f"WHERE {source}.page_ptr_id = {target}.page_ptr_id)"
                for column in columns(case_study)
            )
            cursor.execute(f"UPDATE {target} SET {assignments}")
            for link in SHARED_LINKS:
                table, page, linked = link_table(case_study, link)
                old_table, old_page, old_target = link_table(child, link)
                cursor.execute(
                    f"INSERT INTO {quote(old_table)} ({quote(old_page)}, {quote(old_target)}) "
                    f"SELECT {quote(page)}, {quote(linked)} FROM {quote(table)} "
                    f"WHERE {quote(page)} IN (SELECT page_ptr_id FROM {target}) ORDER BY id"
                )
        for link in SHARED_LINKS:
            cursor.execute(f"DELETE FROM {quote(link_table(case_study, link)[0])}")
        cursor.execute(f"DELETE FROM {source}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_casestudypage")]

    operations = [migrations.RunPython(copy_to_case_studies, copy_back_to_children)]
