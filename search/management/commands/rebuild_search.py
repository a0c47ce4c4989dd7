import sys
import time

from django.core.management.base import BaseCommand, CommandError

from core.db import analyze
from search.index import rebuild_all
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Rebuild every search index: the site-wide one, the database fallback, and one index per "
        "language holding only that language's live pages."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        self.stdout.write(self.style.MIGRATE_HEADING("Rebuilding every search index in one pass"))
        try:
            rebuilt = rebuild_all(self.progress_bar)
        except Exception as error:  # noqa: BLE001 - report any engine failure as a clear error
            raise CommandError(
                f"Could not rebuild the search indexes: {error}. Is the search engine running "
                "(see `scripts/search-engine status elasticsearch`)?"
            ) from error
        PendingIndexUpdate.objects.all().delete()  # a full rebuild supersedes queued updates
        analyze()  # the database fallback's index table was rewritten
        elapsed = time.perf_counter() - started
        documents = {}
        for index in rebuilt:
            documents[index.label] = documents.get(index.label, 0) + index.documents
        for label, count in documents.items():
            self.stdout.write(f"  {label}: {count} documents")
        total = sum(documents.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Search indexes rebuilt: {total} documents in {elapsed:.1f} s "
                f"({total / max(elapsed, 1e-9):.0f} documents/s)."
            )
        )

    def progress_bar(self, done, total):
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        ending = "\n" if done >= total else ""
        self.stdout.write(f"\r  [{bar}] {done}/{total} objects", ending=ending)
        if hasattr(sys.stdout, "flush"):
            self.stdout.flush()
