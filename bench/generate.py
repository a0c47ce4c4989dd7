"""Many case studies, fast: rows written in bulk rather than page by page.

Creating a page through Wagtail (tree insert, revision, publish, signals) takes tens of
milliseconds, which would make 50,000 case studies an hour's work. A benchmark needs the rows, not
that history, so this writes the tree paths, the page rows, the case-study rows and their themes
and goals directly, in batches. No revisions are written and no index is touched: the benchmark
then measures a full `rebuild_search`.

The text is the demo's (demo/data/cases-*.toml): each generated group of three pages is one
demo case study written in English, French and Spanish, placed under one member city in each
locale's tree and linked as translations, so the locales hold a third each.
"""

import datetime
import random
import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Locale, Page

from cities.models import MemberCityPage
from core import published
from demo import records
from demo.text import to_plain_text, to_rich_text
from initiatives.models import (
    CaseStudyPage,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)

LANGUAGES = ("en", "fr", "es")
BATCH = 500


def demo_templates() -> list[dict]:
    """The demo case studies written in all three languages."""
    return [case for case in records.cases() if all(code in case["title"] for code in LANGUAGES)]


class CaseStudyGenerator:
    def __init__(self, seed: int = 2026):
        self.random = random.Random(seed)
        self.templates = demo_templates()
        self.locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        self.cities = self._cities_by_key()
        self.themes = dict(
            Theme.objects.filter(locale=Locale.get_default()).values_list("slug", "pk")
        )
        self.goals = dict(
            SustainableDevelopmentGoal.objects.filter(locale=Locale.get_default()).values_list(
                "number", "pk"
            )
        )
        self.content_types = {
            model: ContentType.objects.get_for_model(model)
            for model in (InitiativePage, SolutionPage)
        }
        self.next_step = {}  # parent pk -> the next free treebeard step under it

    def _cities_by_key(self) -> list[dict[str, MemberCityPage]]:
        """Each member city that exists in every locale, as {language code: live city page}."""
        by_key = defaultdict(dict)
        for city in MemberCityPage.objects.live().select_related("locale"):
            by_key[city.translation_key][city.locale.language_code] = city
        return [pages for pages in by_key.values() if all(code in pages for code in LANGUAGES)]

    def case_study_count(self) -> int:
        return CaseStudyPage.objects.count()

    def grow_to(self, total: int, progress=None) -> int:
        """Add case studies until there are `total`; returns how many were added."""
        missing = max(total - self.case_study_count(), 0)
        added = 0
        while added < missing:
            size = min(BATCH, missing - added)
            with transaction.atomic():
                self._write_batch(size)
            added += size
            if progress:
                progress(added, missing)
        # Bulk inserts send no signals: what is cached of the published site is now stale.
        published.changed()
        return added

    # One batch -----------------------------------------------------------------------------

    def _write_batch(self, size: int):
        pages = []
        for _ in range((size + 2) // len(LANGUAGES)):
            pages.extend(self._translation_group())
        pages = pages[:size]
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        for model, objects in by_model.items():
            self._insert(model, objects)
        for parent_pk, count in self._count_children(pages).items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)

    def _translation_group(self) -> list:
        """One demo case study in each language, under one city, sharing a translation key."""
        template = self.random.choice(self.templates)
        city = self.random.choice(self.cities)
        key = uuid.uuid4()
        published = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            minutes=self.random.randrange(60 * 24 * 365 * 6)
        )
        return [self._case_study(template, city[code], code, key, published) for code in LANGUAGES]

    def _case_study(self, template, parent, code, key, published):
        model = SolutionPage if template["type"] == "solution" else InitiativePage
        title = f"{template['title'][code]} – {parent.title}"
        slug = f"{slugify(template['title'][code])[:60]}-{key.hex[:8]}"
        page = model(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=self.content_types[model],
            locale=self.locales[code],
            translation_key=key,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            depth=parent.depth + 1,
            path=self._child_path(parent),
            url_path=f"{parent.url_path}{slug}/",
            summary=to_plain_text(template["summary"][code]),
            body=[("paragraph", to_rich_text(template["body"][code]))],
            results=to_rich_text(template.get("results", {}).get(code, "")),
            status=template["status"],
            start_date=template.get("start_date"),
            funding_sources=template.get("funding_sources", {}).get(code, ""),
        )
        if model is SolutionPage:
            for name in ("problem", "solution", "lessons"):
                setattr(page, name, to_rich_text(template.get(name, {}).get(code, "")))
        page._parent_pk = parent.pk
        page._themes = [self.themes[slug] for slug in template["themes"] if slug in self.themes]
        page._goals = [self.goals[number] for number in template["sdgs"] if number in self.goals]
        return page

    def _child_path(self, parent) -> str:
        if parent.pk not in self.next_step:
            last = parent.get_last_child()
            self.next_step[parent.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] += 1
        return Page._get_path(parent.path, parent.depth + 1, step)

    @staticmethod
    def _count_children(pages) -> dict[int, int]:
        counts = defaultdict(int)
        for page in pages:
            counts[page._parent_pk] += 1
        return counts

    # Rows ----------------------------------------------------------------------------------

    def _insert(self, model, objects):
        """The page rows first (their ids come back), then the case-study rows, the model's own rows
        and the relations."""
        page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
        ids = _insert_rows(Page, objects, page_fields, returning=True)
        for page, (pk,) in zip(objects, ids, strict=True):
            page.pk = page.page_ptr_id = page.casestudypage_ptr_id = pk
        _insert_rows(CaseStudyPage, objects, CaseStudyPage._meta.local_concrete_fields)
        _insert_rows(model, objects, model._meta.local_concrete_fields)
        for name, attribute in (("themes", "_themes"), ("sdgs", "_goals")):
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(**{f"{source}_id": page.pk, f"{target}_id": related})
                for page in objects
                for related in getattr(page, attribute)
            )


def _insert_rows(model, objects, fields, returning=False):
    """INSERT in batches the database accepts; with `returning`, the new primary keys in order."""
    manager = model._base_manager
    batch = max(connection.ops.bulk_batch_size(fields, objects), 1)
    returned = []
    for start in range(0, len(objects), batch):
        chunk = objects[start : start + batch]
        rows = manager._insert(
            chunk, fields=fields, returning_fields=[model._meta.pk] if returning else None
        )
        if returning:
            returned.extend(rows)
    return returned
