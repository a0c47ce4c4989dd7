"""Compile the project's .po catalogues to .mo with polib, so set-up needs no system gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile every locale/*/LC_MESSAGES/*.po under LOCALE_PATHS (fuzzy entries are left out)."
    )

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except OSError as error:
                    raise CommandError(f"Cannot read {po_path}: {error}") from error
                for entry in catalogue.fuzzy_entries():
                    entry.obsolete = True  # msgfmt's behaviour: fuzzy strings are not used
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(f"  {po_path.relative_to(settings.BASE_DIR)}")
        if not compiled:
            raise CommandError("No .po catalogue found under LOCALE_PATHS.")
        self.stdout.write(self.style.SUCCESS(f"Compiled {compiled} catalogue(s)."))
