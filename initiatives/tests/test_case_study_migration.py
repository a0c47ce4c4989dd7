"""Moving the case studies' shared fields into one CaseStudyPage table loses nothing.

On a copy of the demo database, the real `manage.py migrate` unapplies the move (the old layout: one
table per type holding every field) and applies it again. Read with plain SQL, so that no model
state is involved, every page, revision, translation source, translation, segment and log entry,
and every case study's fields and links, are the same in the new layout before, in the old layout,
and in the new layout again.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from django.conf import settings

from search.engines import ENGINE_NAMES

BEFORE_THE_MOVE = "0003_taxonomy_review"
CHILDREN = ("initiativepage", "solutionpage")
SOLUTION_FIELDS = (
    "problem",
    "solution",
    "lessons",
    "transfer_conditions",
    "transfer_cost",
    "transfer_timeline",
)
SHARED_FIELDS = (
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
    "image_id",
    "image_alt_text",
)
LINKS = {
    "themes": "theme_id",
    "sdgs": "sustainabledevelopmentgoal_id",
    "partner_cities": "membercitypage_id",
}
# The app's last migration a translation source was made at (wagtail-localize warns translators
# when the app has a newer one): compared on its own, since migration 0007 updates it.
SCHEMA_VERSION = "schema_version"
# Besides wagtail-localize's tables (sources, translations, segments, strings, logs).
KEPT_TABLES = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
)

# The demo site is built into the test database (and its file) only for tests that use one.
pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]


def manage(database, *args) -> str:
    """Runs a management command on the database file, in its own process, without engines."""
    env = {name: value for name, value in os.environ.items() if name not in ENGINE_NAMES}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": f"sqlite:///{database}"}
    )
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def rows(db, sql) -> list[tuple]:
    return db.execute(sql).fetchall()


def snapshot(database, layout: str) -> dict[str, list[tuple]]:
    """What must survive the move, read with SQL from the `old` or `new` table layout."""
    with closing(sqlite3.connect(database)) as db:
        tables = [
            name
            for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
            if name in KEPT_TABLES or name.startswith("wagtail_localize_")
        ]
        found = {}
        for table in tables:
            names = [column[1] for column in rows(db, f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{name}"' for name in names if name != SCHEMA_VERSION)
            # Fixed names from this module and sqlite_master.
            found[table] = sorted(rows(db, f"SELECT {kept} FROM {table}"), key=repr)  # noqa: S608
        for child in CHILDREN:
            own = SOLUTION_FIELDS if child == "solutionpage" else ()
            table = f"initiatives_{child}"
            if layout == "old":
                fields = ", ".join((*SHARED_FIELDS, *own))
                found[child] = rows(
                    db,
                    f"SELECT page_ptr_id, {fields} FROM {table} ORDER BY 1",  # noqa: S608
                )
                for link, column in LINKS.items():
                    found[f"{child} {link}"] = rows(
                        db,
                        f"SELECT {child}_id, {column} FROM {table}_{link} ORDER BY 1, 2",  # noqa: S608
                    )
            else:
                fields = ", ".join((*(f"case_study.{name}" for name in SHARED_FIELDS), *own))
                found[child] = rows(
                    db,
                    f"SELECT case_study.page_ptr_id, {fields} "  # noqa: S608
                    f"FROM initiatives_casestudypage case_study JOIN {table} "
                    f"ON {table}.casestudypage_ptr_id = case_study.page_ptr_id ORDER BY 1",
                )
                for link, column in LINKS.items():
                    found[f"{child} {link}"] = rows(
                        db,
                        f"SELECT casestudypage_id, {column} FROM initiatives_casestudypage_{link} "  # noqa: S608
                        f"JOIN {table} ON {table}.casestudypage_ptr_id = casestudypage_id "
                        "ORDER BY 1, 2",
                    )
        if layout == "new":
            found["case studies without a type"] = rows(
                db,
                "SELECT COUNT(*) FROM initiatives_casestudypage WHERE page_ptr_id NOT IN "
                "(SELECT casestudypage_ptr_id FROM initiatives_initiativepage UNION "
                "SELECT casestudypage_ptr_id FROM initiatives_solutionpage)",
            )
        else:
            found["case studies without a type"] = [(0,)]
    return found


ORM_CHECK = """
import json
from initiatives.models import CaseStudyPage, InitiativePage, SolutionPage
from wagtail.models import Page
print(json.dumps({
    "case_studies": CaseStudyPage.objects.count(),
    "initiatives": InitiativePage.objects.count(),
    "solutions": SolutionPage.objects.count(),
    "pages_of_the_type": Page.objects.type(CaseStudyPage).count(),
    "classes": sorted({type(page).__name__ for page in CaseStudyPage.objects.specific()}),
    "initiative_classes": sorted(
        {type(page.specific).__name__ for page in CaseStudyPage.objects.type(InitiativePage)}
    ),
    "languages": sorted(
        set(CaseStudyPage.objects.values_list("locale__language_code", flat=True))
    ),
    "summaries": sum(1 for summary in CaseStudyPage.objects.values_list("summary", flat=True) if summary),
}))
"""


SOURCES = (
    "SELECT source.id, source.schema_version FROM wagtail_localize_translationsource source "
    "JOIN django_content_type type ON type.id = source.specific_content_type_id "
    "WHERE type.app_label = 'initiatives' ORDER BY source.id"
)


def date_sources_before_the_move(database) -> int:
    """Gives the case studies' and the taxonomy's translation sources the migration names a
    database from before the move has (all current then, but one older source); returns its id."""
    with closing(sqlite3.connect(database)) as db, db:
        ids = [source_id for source_id, _version in rows(db, SOURCES)]
        db.execute(
            "UPDATE wagtail_localize_translationsource SET schema_version = ? "  # noqa: S608
            f"WHERE id IN ({', '.join('?' * len(ids))})",
            [BEFORE_THE_MOVE, *ids],
        )
        db.execute(
            "UPDATE wagtail_localize_translationsource SET schema_version = ? WHERE id = ?",
            ["0002_image_alt_text", ids[0]],
        )
    return ids[0]


def schema_versions(database) -> tuple[dict[int, str], str]:
    """Each source's recorded migration, and the app's last one as wagtail-localize reads it."""
    with closing(sqlite3.connect(database)) as db:
        (last,) = db.execute(
            "SELECT name FROM django_migrations WHERE app = 'initiatives' "
            "ORDER BY applied DESC, id DESC LIMIT 1"
        ).fetchone()
        return dict(rows(db, SOURCES)), last


def test_moving_the_shared_fields_keeps_every_row(demo_database, tmp_path):
    database = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_database, database)
    built = snapshot(database, "new")

    manage(database, "migrate", "initiatives", BEFORE_THE_MOVE)
    before = snapshot(database, "old")
    older = date_sources_before_the_move(database)
    manage(database, "migrate", "initiatives")
    after = snapshot(database, "new")

    # Sources current before the move are current after it: translators see no warning that the
    # model changed. The older one still says so.
    versions, last = schema_versions(database)
    assert len(versions) > 1
    assert versions.pop(older) == "0002_image_alt_text"
    assert set(versions.values()) == {last}

    assert before.keys() == after.keys() == built.keys()
    for name in before:
        assert before[name] == built[name], f"{name} changed when the move was unapplied"
        assert after[name] == before[name], f"{name} changed when the move was applied"
    for name in (
        *KEPT_TABLES,
        "wagtail_localize_translationsource",
        "wagtail_localize_translation",
        "wagtail_localize_stringsegment",
        *CHILDREN,
        *(f"{child} {link}" for child in CHILDREN for link in LINKS),
    ):
        assert after[name], f"the demo database has no {name} to check"
    assert after["case studies without a type"] == [(0,)]

    orm = json.loads(manage(database, "shell", "--no-imports", "-c", ORM_CHECK).splitlines()[-1])
    assert (
        orm["case_studies"]
        == orm["initiatives"] + orm["solutions"]
        == len(after["initiativepage"]) + len(after["solutionpage"])
    )
    assert orm["pages_of_the_type"] == orm["case_studies"]
    assert orm["classes"] == ["InitiativePage", "SolutionPage"]
    assert orm["initiative_classes"] == ["InitiativePage"]
    assert orm["languages"] == ["en", "es", "fr"]
    assert orm["summaries"] == orm["case_studies"]
