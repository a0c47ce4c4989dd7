"""Builds the demo site from the TOML files in demo/data/.

Each object is looked up by a stable key before it is created, so a second run changes nothing.
Pages are created and published with revisions, and translated through wagtail-localize.
"""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cities.models import MemberCityPage, RegionalSectionPage
from demo import images
from demo.text import LANGUAGES, pairs, to_plain_text, to_rich_text
from demo.translation import translate
from editorial import roles
from home.models import HomePage, StandardPage
from initiatives.models import (
    CaseLibraryPage,
    InitiativePage,
    SolutionPage,
    SustainableDevelopmentGoal,
    Theme,
)
from translations.slugs import slug_from_title

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_SLUGS = {
    "africa": "africa",
    "americas": "americas",
    "asia": "asia-pacific",
    "europe": "europe",
}
# What a shared solution says beyond an initiative: rich text, in the data and on SolutionPage.
SOLUTION_TEXT_FIELDS = (
    "problem",
    "solution",
    "lessons",
    "transfer_conditions",
    "transfer_cost",
    "transfer_timeline",
)
CASE_LIBRARY_TITLE = {"en": "Case studies", "fr": "Études de cas", "es": "Casos de estudio"}
CASE_LIBRARY_INTRO = {
    "en": "Initiatives and shared solutions from member governments, ready to learn from and replicate.",
    "fr": "Initiatives et solutions partagées des gouvernements membres, pour apprendre et reproduire.",
    "es": "Iniciativas y soluciones compartidas de los gobiernos miembros, para aprender y replicar.",
}
# The link text of a shared solution's brief; the document itself is shared by every language.
BRIEF_LINK = {"en": "Project brief", "fr": "Fiche du projet", "es": "Ficha del proyecto"}
BRIEF_TITLE = {
    "en": "{title}: project brief",
    "fr": "{title}\u202f: fiche du projet",
    "es": "{title}: ficha del proyecto",
}


def load(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as file:
        return tomllib.load(file)


def load_partners() -> dict[str, dict]:
    """International partner organisations by each of their names."""
    partners = {}
    for partner in load("partners.toml")["partner"]:
        for name in [*(partner[code] for code in LANGUAGES), *partner.get("also", [])]:
            partners[name] = partner
    return partners


def text_pairs(fields: list[dict | None], source: str, target: str) -> dict[str, str]:
    result = {}
    for texts in fields:
        result.update(pairs(texts, source, target))
    return result


class DemoLoader:
    def __init__(self, stdout, style):
        self.stdout = stdout
        self.style = style
        self.user = None

    # Output ------------------------------------------------------------------------------

    def step(self, message):
        self.stdout.write(self.style.MIGRATE_HEADING(message))

    def progress(self, label, done, total):
        if done == total or done % 10 == 0:
            self.stdout.write(f"  {label}: {done}/{total}")

    # Steps -------------------------------------------------------------------------------

    def run(self):
        self.structure = load("structure.toml")
        self.taxonomy = load("taxonomy.toml")
        self.partners = load_partners()
        self.cases = [
            case
            for path in sorted(DATA_DIR.glob("cases-*.toml"))
            for case in load(path.name)["case"]
        ]
        self.step("Locales and administrator")
        self.locales = self.ensure_locales()
        self.user = self.ensure_admin()
        self.step("Themes and Sustainable Development Goals")
        self.load_taxonomy()
        self.step("Home pages")
        homes = self.load_home()
        self.step("Regional sections, organisation pages and the case library")
        regions = self.load_regions(homes["en"])
        self.load_organisation_pages(homes["en"])
        self.load_case_library(homes["en"])
        self.step("Member cities")
        cities = self.load_cities(regions)
        self.step("Structural translations")
        self.translate_structure(homes["en"])
        self.step("Case studies")
        self.load_cases(regions, cities)
        self.step("Editorial roles")
        self.load_roles()
        return self.summary()

    def ensure_locales(self):
        from django.conf import settings

        return {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _ in settings.LANGUAGES
        }

    def ensure_admin(self):
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None:
            user = User.objects.create_superuser(
                "admin", "admin@metropolis.localhost", self.admin_password, first_name="Secretariat"
            )
        return user

    admin_password = "metropolis"

    @transaction.atomic
    def load_taxonomy(self):
        english = self.locales["en"]
        # Each record is found by what identifies it in every language: a theme's slug, a goal's number.
        for model, section, key in (
            (Theme, "theme", "slug"),
            (SustainableDevelopmentGoal, "sdg", "number"),
        ):
            for item in self.taxonomy[section]:
                record = model.objects.filter(locale=english, **{key: item[key]}).first()
                if record is None:
                    record = model.objects.create(
                        locale=english,
                        colour=item["colour"],
                        name=item["name"]["en"],
                        description=item["description"]["en"],
                        **{key: item[key]},
                    )
                self.translate_everywhere(record, [item["name"], item["description"]])
        self.stdout.write(
            f"  {Theme.objects.filter(locale=english).count()} themes, "
            f"{SustainableDevelopmentGoal.objects.filter(locale=english).count()} goals, in "
            f"{len(self.locales)} languages"
        )

    def translate_everywhere(self, instance, texts):
        """Translate `instance` into every other working language given in `texts`. A page's slug
        follows its translated title (translations.slugs), as it does for an editor."""
        source = instance.locale.language_code
        for code, locale in self.locales.items():
            if code == source or not any(t and code in t for t in texts):
                continue
            translate(instance, locale, text_pairs(texts, source, code), self.user)

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision(user=self.user).publish(user=self.user)
        return page

    def child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    @transaction.atomic
    def load_home(self):
        site_data = self.structure["site"]
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale=self.locales["en"]).first()
        if home is None:
            home = HomePage(
                title=site_data["name"]["en"],
                slug="metropolis",
                tagline=site_data["tagline"]["en"],
                introduction=to_rich_text(site_data["introduction"]["en"]),
                seo_title=site_data["tagline"]["en"],
            )
            self.publish(root, home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        if site.root_page_id != home.pk:
            previous = site.root_page
            site.root_page = home
            site.site_name = "Metropolis"
            site.save()
            if not isinstance(previous.specific, HomePage) and not previous.get_children().exists():
                previous.delete()  # Wagtail's placeholder welcome page
        return {"en": home}

    @transaction.atomic
    def load_regions(self, home):
        regions = {}
        for item in self.structure["region"]:
            slug = REGION_SLUGS[item["key"]]
            region = self.child(home, RegionalSectionPage, slug)
            if region is None:
                contact = item["contact"]
                region = self.publish(
                    home,
                    RegionalSectionPage(
                        title=item["title"]["en"],
                        slug=slug,
                        show_in_menus=True,
                        introduction=to_rich_text(item["introduction"]["en"]),
                        secretariat_city=item["secretariat_city"],
                        contact_name=contact["name"],
                        contact_role=contact["role"]["en"],
                        contact_email=contact["email"],
                        contact_phone=contact.get("phone", ""),
                    ),
                )
            regions[item["key"]] = region
        self.stdout.write(f"  {len(regions)} regional sections")
        return regions

    @transaction.atomic
    def load_organisation_pages(self, home):
        pages = self.load_data_pages("organisation.toml")
        about = None
        for index, item in enumerate(pages):
            parent = home if index == 0 or about is None else about
            page = self.child(parent, StandardPage, item["slug"])
            if page is None:
                page = self.publish(
                    parent,
                    StandardPage(
                        title=item["title"]["en"],
                        slug=item["slug"],
                        show_in_menus=True,
                        introduction=to_plain_text(item["intro"]["en"]),
                        body=[("paragraph", to_rich_text(item["body"]["en"]))],
                    ),
                )
            if index == 0:
                about = page
        self.stdout.write(f"  {len(pages)} organisation pages")

    def load_data_pages(self, name):
        return load(name)["page"] if (DATA_DIR / name).exists() else []

    @transaction.atomic
    def load_case_library(self, home):
        if self.child(home, CaseLibraryPage, "case-studies") is None:
            self.publish(
                home,
                CaseLibraryPage(
                    title=CASE_LIBRARY_TITLE["en"],
                    slug="case-studies",
                    show_in_menus=True,
                    introduction=CASE_LIBRARY_INTRO["en"],
                ),
            )

    def load_cities(self, regions):
        collection_root = Collection.get_first_root_node()
        cities = {}
        items = self.structure["city"]
        for done, item in enumerate(items, start=1):
            with transaction.atomic():
                cities[item["key"]] = self.load_city(item, regions[item["region"]], collection_root)
            self.progress("Member cities", done, len(items))
        return cities

    def load_city(self, item, region, collection_root):
        city = self.child(region, MemberCityPage, item["key"])
        if city is not None:
            # Databases built before editorial teams filed each city's media in a top-level
            # collection named after the city: hand it over to the city's team.
            legacy = collection_root.get_children().filter(name=item["name"]["en"]).first()
            if legacy is not None:
                roles.adopt_collection(city, legacy)
            return city
        contact = item["contact"]
        city = MemberCityPage(
            title=item["name"]["en"],
            slug=item["key"],
            official_name=item["official_name"],
            government_name=item["government"]["en"],
            country=item["country"]["en"],
            country_code=item["country_code"],
            population=item.get("population"),
            latitude=Decimal(str(item["latitude"])),
            longitude=Decimal(str(item["longitude"])),
            website=item.get("website", ""),
            member_since=item.get("member_since"),
            introduction=to_rich_text(item["introduction"]["en"]),
            contact_name=contact["name"],
            contact_role=contact["role"]["en"],
            contact_email=contact["email"],
        )
        # The city's team owns its media, so the logo and banner go into the team's collection.
        collection = roles.collection_for_new_city(city, region)
        name = item["name"]["en"]
        initials = "".join(word[0] for word in name.replace("-", " ").split()[:2]).upper()
        city.hero_image = images.get_or_create_image(
            f"{name}: banner",
            f"{item['key']}-banner.jpg",
            lambda: images.render_banner(item["key"], item["accent"]),
            collection,
            description="",
        )
        city.logo = images.get_or_create_image(
            f"{name}: logo",
            f"{item['key']}-logo.png",
            lambda: images.render_logo(initials, item["accent"]),
            collection,
            description=f"{item['official_name']} logo",
        )
        return self.publish(region, city)

    def translate_structure(self, home):
        site = self.structure["site"]
        jobs = [(home, [site["name"], site["tagline"], site["introduction"]])]
        regions = {item["key"]: item for item in self.structure["region"]}
        for key, item in regions.items():
            page = self.child(home, RegionalSectionPage, REGION_SLUGS[key])
            jobs.append((page, [item["title"], item["introduction"], item["contact"]["role"]]))
        library = self.child(home, CaseLibraryPage, "case-studies")
        jobs.append((library, [CASE_LIBRARY_TITLE, CASE_LIBRARY_INTRO]))
        about = None
        for index, item in enumerate(self.load_data_pages("organisation.toml")):
            page = self.child(home if index == 0 else about, StandardPage, item["slug"])
            if index == 0:
                about = page
            jobs.append((page, [item["title"], item["intro"], item["body"]]))
        for item in self.structure["city"]:
            region = self.child(home, RegionalSectionPage, REGION_SLUGS[item["region"]])
            page = self.child(region, MemberCityPage, item["key"])
            texts = [
                item["name"],
                item["government"],
                item["country"],
                item["introduction"],
                item["contact"]["role"],
            ]
            jobs.append((page, texts))
        for done, (page, texts) in enumerate(jobs, start=1):
            with transaction.atomic():
                self.translate_everywhere(page, texts)
            self.progress("Translated pages", done, len(jobs))

    def load_cases(self, regions, cities):
        total = len(self.cases)
        for done, item in enumerate(self.cases, start=1):
            with transaction.atomic():
                self.load_case(item, regions, cities)
            self.progress("Case studies", done, total)

    def case_parent(self, item, regions, cities, locale):
        parent = cities[item["city"]] if item.get("city") else regions[item["region"]]
        return parent.get_translation(locale)

    def load_case(self, item, regions, cities):
        language = item["language"]
        locale = self.locales[language]
        parent = self.case_parent(item, regions, cities, locale)
        model = SolutionPage if item["type"] == "solution" else InitiativePage
        # Databases loaded before case studies written in French or Spanish had slugs of their own
        # have them under their key.
        page = self.child(parent, model, case_slug(item)) or self.child(parent, model, item["key"])
        if page is None:
            page = self.create_case(item, model, parent, language, cities)
        texts = self.case_texts(item)
        for code in LANGUAGES:
            if code != language and code in item["title"]:
                strings = text_pairs(texts, language, code)
                strings.update(self.partner_pairs(item, language, code))
                translate(page, self.locales[code], strings, self.user)

    def partner_pairs(self, item, source, target):
        """The case's list of partner organisations in `target`, naming the international ones as
        that language does."""
        names = item.get("partner_organisations", [])
        translated = [self.partners.get(name, {}).get(target, name) for name in names]
        if translated == names:
            return {}
        return {"\n".join(names): "\n".join(translated)}

    def case_texts(self, item):
        texts = [
            item["title"],
            item.get("funding_sources"),
            item.get("summary"),
            item.get("body"),
            item.get("results"),
            item.get("contact", {}).get("role"),
            item.get("quote", {}).get("text"),
        ]
        texts += [figure["label"] for figure in item.get("key_figures", [])]
        if item["type"] == "solution":
            texts.append(BRIEF_LINK)
        texts += [item.get(name) for name in SOLUTION_TEXT_FIELDS]
        return texts

    def create_case(self, item, model, parent, language, cities):
        def text(name):
            return (item.get(name) or {}).get(language, "")

        body = [("paragraph", to_rich_text(text("body")))]
        if item.get("quote"):
            body.append(
                (
                    "quote",
                    {
                        "text": item["quote"]["text"][language],
                        "attribution": item["quote"].get("attribution", ""),
                    },
                )
            )
        contact = item.get("contact")
        theme_colour = next(
            (t["colour"] for t in self.taxonomy["theme"] if t["slug"] == item["themes"][0]),
            "#1F4E79",
        )
        team = roles.team_for_page(parent)
        image = images.get_or_create_image(
            f"{item['title'][language]}",
            f"{item['key'][:60]}.jpg",
            lambda: images.render_banner(item["key"], theme_colour, size=(960, 540)),
            team.collection if team else None,
            description="",
        )
        fields = {
            "title": item["title"][language],
            "slug": case_slug(item),
            "summary": to_plain_text(text("summary")),
            "body": body,
            "status": item["status"],
            "start_date": _date(item.get("start_date")),
            "end_date": _date(item.get("end_date")),
            "budget": item.get("budget"),
            "currency": item.get("currency", ""),
            "funding_sources": text("funding_sources"),
            "partner_organisations": "\n".join(item.get("partner_organisations", [])),
            "results": to_rich_text(text("results")),
            "key_figures": [
                ("figure", {"value": figure["value"], "label": figure["label"][language]})
                for figure in item.get("key_figures", [])
            ],
            "contacts": [
                (
                    "contact",
                    {
                        "name": contact["name"],
                        "role": contact["role"][language],
                        "email": contact["email"],
                    },
                )
            ]
            if contact
            else [],
            "featured": item.get("featured", False),
            "image": image,
        }
        if model is SolutionPage:
            for name in SOLUTION_TEXT_FIELDS:
                fields[name] = to_rich_text(text(name))
            brief = images.get_or_create_document(
                BRIEF_TITLE[language].format(title=item["title"][language]),
                f"{item['key'][:60]}-brief.pdf",
                lambda: images.render_brief(
                    item["title"][language], [to_plain_text(text("summary"))]
                ),
                image.collection,
            )
            fields["resources"] = [
                (
                    "resources",
                    {
                        "heading": "",
                        "items": [("document", {"document": brief, "title": BRIEF_LINK[language]})],
                    },
                )
            ]
        page = model(**fields)
        page.locale = parent.locale
        parent.add_child(instance=page)
        english = self.locales["en"]
        page.themes.set(Theme.objects.filter(locale=english, slug__in=item["themes"]))
        page.sdgs.set(
            SustainableDevelopmentGoal.objects.filter(locale=english, number__in=item["sdgs"])
        )
        partners = [cities[key] for key in item.get("partner_cities", []) if key in cities]
        page.partner_cities.set(partners)
        page.save_revision(user=self.user).publish(user=self.user)
        return page

    def load_roles(self):
        """Teams for every region and city, translators, moderators and the review workflow.
        Pages created above already got theirs through signals; this repairs anything else."""
        report = roles.sync_all(progress=self.progress)
        self.stdout.write(f"  {len(report.changes)} change(s) to editorial roles")

    # Summary -----------------------------------------------------------------------------

    def summary(self) -> dict:
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


def case_slug(item) -> str:
    """A case study's slug in the language it was written in: its key in English, else made from
    its title, as for its translations."""
    if item["language"] == "en":
        return item["key"]
    return slug_from_title(item["title"][item["language"]]) or item["key"]


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
