from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from editorial import roles


class Command(BaseCommand):
    help = (
        "Create or repair the editorial teams: a group per member city and regional section, "
        "translators per language, the secretariat moderators, their collections and page "
        "permissions, and the 'Secretariat review' workflow on every locale's home page. "
        "Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        def progress(label, done, total):
            if done == total or done % 10 == 0:
                self.stdout.write(f"  {label}: {done}/{total}")

        self.stdout.write(self.style.MIGRATE_HEADING("Synchronising editorial roles"))
        try:
            report = roles.sync_all(progress=progress)
        except DatabaseError as error:
            raise CommandError(
                f"The database is not ready ({error}). Run `python manage.py migrate`, then "
                "run this command again."
            ) from error
        except (LookupError, ValueError) as error:
            raise CommandError(
                f"Editorial roles could not be synchronised: {error} Nothing was changed."
            ) from error
        for line in report.changes:
            self.stdout.write(f"  {line}")
        if report.changes:
            self.stdout.write(
                self.style.SUCCESS(f"Editorial roles ready: {len(report.changes)} change(s).")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Editorial roles ready: nothing to change."))
