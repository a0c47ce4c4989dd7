import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search.index import language_backend, language_backend_names, page_querysets_for
from search.models import PendingIndexUpdate

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Rebuild every search index: the site-wide one, the database fallback, and one index per "
        "language holding only that language's live pages."
    )

    def handle(self, *args, **options):
        for name in ("default", "database"):
            if name in settings.WAGTAILSEARCH_BACKENDS:
                self.stdout.write(self.style.MIGRATE_HEADING(f"Backend '{name}'"))
                call_command("update_index", backend_name=name, verbosity=0)
                self.stdout.write("  rebuilt")
        for code in language_backend_names():
            self.rebuild_language(code)
        PendingIndexUpdate.objects.all().delete()  # a full rebuild supersedes queued updates
        self.stdout.write(self.style.SUCCESS("Search indexes rebuilt."))

    def rebuild_language(self, code):
        backend = language_backend(code)
        querysets = list(page_querysets_for(code))
        total = sum(queryset.count() for _model, queryset in querysets)
        self.stdout.write(self.style.MIGRATE_HEADING(f"Language '{code}': {total} live pages"))
        try:
            index = backend.get_index_for_model(querysets[0][0])
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model, _queryset in querysets:
                index.add_model(model)
            done = 0
            for model, queryset in querysets:
                for start in range(0, queryset.count(), CHUNK):
                    chunk = list(queryset.order_by("pk")[start : start + CHUNK])
                    index.add_items(model, chunk)
                    done += len(chunk)
                    self.progress(code, done, total)
            rebuilder.finish()
        except Exception as error:  # noqa: BLE001 - report any engine failure as a clear error
            raise CommandError(
                f"Could not rebuild the '{code}' index: {error}. Is the search engine running "
                "(see `scripts/search-engine status elasticsearch`)?"
            ) from error
        self.stdout.write("")

    def progress(self, code, done, total):
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r  {code} [{bar}] {done}/{total}", ending="")
        if hasattr(sys.stdout, "flush"):
            self.stdout.flush()
