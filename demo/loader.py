"""Builds the demo site from the TOML files in demo/data/, step by step, printing progress.

Each object is looked up by a stable key before it is created, so a second run changes nothing.
Pages are created and published with revisions, and translated through wagtail-localize. What each
step builds lives in its own module: site, places, taxonomy, cases, people.
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from cities.models import MemberCityPage, RegionalSectionPage
from demo import images, people, places, records, site
from demo.cases import CaseLoader
from demo.taxonomy import load_taxonomy
from demo.translation import translate_everywhere
from initiatives.models import InitiativePage, SolutionPage


@contextmanager
def indexes_built_once():
    """Without updates to the search and reference indexes on every save. The loader saves each
    page several times (draft, revisions, publish, then its translations), and those updates took
    about a third of its time; the indexes are built once at the end instead."""
    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with disable_reference_index_auto_update(), override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


class DemoLoader:
    def __init__(self, stdout, style):
        self.stdout = stdout
        self.style = style

    def step(self, message):
        self.stdout.write(self.style.MIGRATE_HEADING(message))

    def progress(self, label, done, total):
        if done == total or done % 10 == 0:
            self.stdout.write(f"  {label}: {done}/{total}")

    def run(self) -> dict[str, int]:
        with indexes_built_once():
            self.build()
        self.step("Search and reference indexes")
        call_command("rebuild_references_index", stdout=self.stdout)
        call_command("rebuild_search", stdout=self.stdout)
        return self.summary()

    def build(self) -> None:
        structure = records.load("structure.toml")
        taxonomy = records.load("taxonomy.toml")
        self.step("Locales and administrator")
        self.locales = site.ensure_locales()
        self.user = people.ensure_admin()
        self.step("Themes and Sustainable Development Goals")
        themes, goals = load_taxonomy(taxonomy, self.locales, self.user)
        self.stdout.write(f"  {themes} themes, {goals} goals, in {len(self.locales)} languages")
        self.step("Home pages")
        home = site.load_home(structure["site"], self.locales["en"], self.user)
        self.step("Regional sections, organisation pages and the case library")
        regions = places.load_regions(home, structure["region"], self.user)
        self.stdout.write(f"  {len(regions)} regional sections")
        organisation_pages = site.load_organisation_pages(home, self.user)
        self.stdout.write(f"  {organisation_pages} organisation pages")
        site.load_case_library(home, self.user)
        self.step("Member cities")
        cities = places.load_cities(structure["city"], regions, self.user, self.progress)
        self.step("Structural translations")
        self.translate_structure(home, structure)
        self.step("Case studies")
        cases = CaseLoader(
            locales=self.locales,
            user=self.user,
            taxonomy=taxonomy,
            partners=records.partners(),
            regions=regions,
            cities=cities,
        )
        cases.load_all(records.cases(), self.progress)
        self.step("Renditions of the case-study cards")
        images.make_card_renditions(self.progress)
        self.step("Editorial roles")
        self.stdout.write(f"  {people.load_roles(self.progress)} change(s) to editorial roles")

    def translate_structure(self, home, structure: dict):
        """The pages above the case studies in every language, parents first and siblings in the
        order their menus show them."""
        jobs = [
            *site.home_texts(home, structure["site"]),
            *places.region_texts(home, structure["region"]),
            *site.case_library_texts(home),
            *site.organisation_texts(home),
            *places.city_texts(home, structure["city"]),
        ]
        for done, (page, texts) in enumerate(jobs, start=1):
            with transaction.atomic():
                translate_everywhere(page, texts, self.locales, self.user)
            self.progress("Translated pages", done, len(jobs))

    def summary(self) -> dict[str, int]:
        counts = {
            "regions": RegionalSectionPage.objects.filter(locale=self.locales["en"]).count(),
            "cities": MemberCityPage.objects.filter(locale=self.locales["en"]).count(),
            "initiatives": len({p.translation_key for p in InitiativePage.objects.all()}),
            "solutions": len({p.translation_key for p in SolutionPage.objects.all()}),
        }
        for code, locale in self.locales.items():
            counts[f"pages ({code})"] = (
                Page.objects.filter(locale=locale, depth__gt=1).live().count()
            )
            counts[f"case studies ({code})"] = (
                InitiativePage.objects.filter(locale=locale).live().count()
                + SolutionPage.objects.filter(locale=locale).live().count()
            )
        return counts
