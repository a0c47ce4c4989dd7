import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.index import (
    language_backend_names,
    page_querysets_for,
    rebuild_backend,
    rebuild_language,
)
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Rebuild every search index: the site-wide one, the database fallback, and one index per "
        "language holding only that language's live pages."
    )

    def handle(self, *args, **options):
        started, documents = time.perf_counter(), 0
        for name in ("default", "database"):
            if name in settings.WAGTAILSEARCH_BACKENDS:
                self.stdout.write(self.style.MIGRATE_HEADING(f"Backend '{name}'"))
                documents += self.timed(rebuild_backend, name)
        for code in language_backend_names():
            total = sum(queryset.count() for _model, queryset in page_querysets_for(code))
            self.stdout.write(self.style.MIGRATE_HEADING(f"Language '{code}': {total} live pages"))
            try:
                documents += self.timed(rebuild_language, code, self.progress_bar(code))
            except Exception as error:  # noqa: BLE001 - report any engine failure as a clear error
                raise CommandError(
                    f"Could not rebuild the '{code}' index: {error}. Is the search engine running "
                    "(see `scripts/search-engine status elasticsearch`)?"
                ) from error
        PendingIndexUpdate.objects.all().delete()  # a full rebuild supersedes queued updates
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Search indexes rebuilt: {documents} documents in {elapsed:.1f} s "
                f"({documents / max(elapsed, 1e-9):.0f} documents/s)."
            )
        )

    def timed(self, rebuild, *args) -> int:
        started = time.perf_counter()
        documents = rebuild(*args)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"  {documents} documents in {elapsed:.1f} s")
        return documents

    def progress_bar(self, code):
        def show(done, total):
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            ending = "\n" if done >= total else ""
            self.stdout.write(f"\r  {code} [{bar}] {done}/{total}", ending=ending)
            if hasattr(sys.stdout, "flush"):
                self.stdout.flush()

        return show
