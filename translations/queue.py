"""What waits for a translator or a city editor: pages with no translation in a language they
translate into yet, and translations outdated by a change to their original.

Translators of a language see every page; city editors see their city's pages, in every language
they may translate them into. Each list is read in a fixed number of queries, whatever the size of
the site: the panel and the notification emails call it on every dashboard view and publication.
"""

import dataclasses
import datetime
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from editorial.permissions import edited_cities
from translations.models import OutdatedTranslation
from translations.permissions import can_translate_anything, translator_locales

QUEUE_LIMIT = 10


@dataclasses.dataclass
class QueueItem:
    page: Page  # the original for a new translation, the translation when it is outdated
    locale: Locale
    outdated: bool
    changed_at: datetime.datetime | None
    url: str


@dataclasses.dataclass
class Scope:
    """Which pages and languages a person translates."""

    locales: list
    pages: Q  # a filter on Page


def scope_for(user) -> list[Scope]:
    """One scope per role: translators of a language, and editors of their cities."""
    if can_translate_anything(user):
        return []  # the secretariat has its own panels
    scopes = []
    locales = translator_locales(user)
    if locales:
        scopes.append(Scope(locales=locales, pages=Q(depth__gt=2)))
    paths = list(edited_cities(user).values_list("path", flat=True))
    if paths:
        scopes.append(
            Scope(
                locales=list(Locale.objects.order_by("pk")),
                pages=reduce(or_, (Q(path__startswith=path, depth__gt=2) for path in paths)),
            )
        )
    return scopes


def untranslated_originals(scope: Scope, locale: Locale, limit: int) -> list[Page]:
    """Live originals in `scope` that have no page in `locale`, most recently published first."""
    is_translation = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id")
    )
    translated_here = Page.objects.filter(locale=locale, alias_of__isnull=True).values(
        "translation_key"
    )
    pages = (
        Page.objects.live()
        .filter(scope.pages, alias_of__isnull=True)
        .exclude(locale=locale)
        .exclude(translation_key__in=translated_here)
        .exclude(Exists(is_translation))
        .select_related("locale")
        .order_by("-last_published_at", "path")
    )
    # A page may exist in two languages and be missing in a third: keep it once.
    by_key = {}
    for page in pages[: limit * 2]:
        by_key.setdefault(page.translation_key, page)
    return list(by_key.values())[:limit]


def outdated_translations(scope: Scope, limit: int) -> list[tuple]:
    """(translation page, record) for outdated translations in `scope`, newest change first."""
    records = list(
        OutdatedTranslation.objects.filter(
            translation__enabled=True,
            translation__target_locale__in=scope.locales,
            translation__source__object_id__in=Page.objects.filter(scope.pages).values(
                "translation_key"
            ),
        )
        .select_related("translation__source", "translation__target_locale")
        .order_by("-original_updated_at")[:limit]
    )
    wanted = {(r.translation.source.object_id, r.translation.target_locale_id) for r in records}
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in=[key for key, _locale in wanted],
            locale_id__in=[locale for _key, locale in wanted],
        ).select_related("locale")
    }
    rows = []
    for record in records:
        page = targets.get(
            (record.translation.source.object_id, record.translation.target_locale_id)
        )
        if page is not None:
            rows.append((page, record))
    return rows


def queue_for(user, limit: int = QUEUE_LIMIT) -> list[QueueItem]:
    """Everything waiting for `user`, newest original first."""
    items = {}
    for scope in scope_for(user):
        for locale in scope.locales:
            for page in untranslated_originals(scope, locale, limit):
                url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
                items.setdefault(
                    (page.translation_key, locale.pk),
                    QueueItem(
                        page=page,
                        locale=locale,
                        outdated=False,
                        changed_at=page.last_published_at,
                        url=f"{url}?select_locale={locale.language_code}",
                    ),
                )
        for page, record in outdated_translations(scope, limit):
            items.setdefault(
                (page.translation_key, page.locale_id),
                QueueItem(
                    page=page,
                    locale=page.locale,
                    outdated=True,
                    changed_at=record.original_updated_at,
                    url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                ),
            )
    ordered = sorted(
        items.values(),
        key=lambda item: item.changed_at or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        reverse=True,
    )
    return ordered[:limit]
