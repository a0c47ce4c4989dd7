from django.core.management.base import BaseCommand

from core.db import analyze
from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Build the demo site: regions, member cities, case studies, organisation pages, themes and "
        "goals, in English, French and Spanish. Safe to run again: existing content is left as it is."
    )

    def handle(self, *args, **options):
        counts = DemoLoader(self.stdout, self.style).run()
        analyze()
        self.stdout.write(self.style.SUCCESS("Demo content ready:"))
        for label, number in counts.items():
            self.stdout.write(f"  {label}: {number}")
