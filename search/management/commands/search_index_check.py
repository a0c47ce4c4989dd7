from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, get_page_models
from wagtail.search.models import IndexEntry

from search.index import (
    flush_pending,
    indexed_page_ids,
    language_backend,
    language_backend_names,
    page_querysets_for,
)


class Command(BaseCommand):
    help = (
        "Report drift between the live pages and the search indexes: live pages missing from an "
        "index, and indexed pages that are not live. Exits 1 when it finds any."
    )

    def handle(self, *args, **options):
        names = language_backend_names()
        if names:
            try:
                applied = flush_pending()
            except Exception as error:  # noqa: BLE001
                raise CommandError(f"The search engine is unreachable: {error}") from error
            if applied:
                self.stdout.write(f"Applied {applied} update(s) queued while the engine was away.")
            drift = sum(self.check_language(code) for code in names)
        else:
            drift = self.check_database()
        if drift:
            raise CommandError(f"{drift} page(s) out of step; run `manage.py rebuild_search`.")
        self.stdout.write(self.style.SUCCESS("Search indexes match the live pages."))

    def live_ids(self, code=None) -> set[int]:
        if code is None:
            return set(Page.objects.live().exclude(depth=1).values_list("pk", flat=True))
        return {
            pk for _model, qs in page_querysets_for(code) for pk in qs.values_list("pk", flat=True)
        }

    def report(self, label, live, indexed) -> int:
        missing, extra = sorted(live - indexed), sorted(indexed - live)
        self.stdout.write(
            f"{label}: {len(live)} live, {len(indexed)} indexed, {len(missing)} missing, "
            f"{len(extra)} not live"
        )
        for pk in missing[:20]:
            self.stdout.write(f"  missing: page {pk}")
        for pk in extra[:20]:
            self.stdout.write(f"  not live: page {pk}")
        return len(missing) + len(extra)

    def check_language(self, code) -> int:
        try:
            indexed = indexed_page_ids(language_backend(code))
        except Exception as error:  # noqa: BLE001
            raise CommandError(f"Cannot read the '{code}' index: {error}") from error
        return self.report(f"Index '{code}'", self.live_ids(code), indexed)

    def check_database(self) -> int:
        # The database backend also indexes drafts (search filters them out), so only missing live
        # pages and entries of deleted pages count as drift here.
        page_types = ContentType.objects.get_for_models(*get_page_models()).values()
        entries = IndexEntry.objects.filter(content_type__in=page_types).values_list(
            "object_id", flat=True
        )
        indexed = {int(pk) for pk in entries}
        live = self.live_ids()
        existing = set(Page.objects.filter(pk__in=indexed).values_list("pk", flat=True))
        label = f"Database index ({settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']})"
        return self.report(label, live, (indexed & live) | (indexed - existing))
