"""Case studies: initiatives and shared solutions, each written in one language and translated into
the others it is given in."""

import datetime

from django.db import transaction

from demo import images
from demo.pages import child
from demo.text import LANGUAGES, to_plain_text, to_rich_text
from demo.translation import text_pairs, translate
from editorial import roles
from initiatives.models import InitiativePage, SolutionPage, SustainableDevelopmentGoal, Theme
from translations.slugs import slug_from_title

# What a shared solution says beyond an initiative: rich text, in the data and on SolutionPage.
SOLUTION_TEXT_FIELDS = (
    "problem",
    "solution",
    "lessons",
    "transfer_conditions",
    "transfer_cost",
    "transfer_timeline",
)
# The link text of a shared solution's brief; the document itself is shared by every language.
BRIEF_LINK = {"en": "Project brief", "fr": "Fiche du projet", "es": "Ficha del proyecto"}
BRIEF_TITLE = {
    "en": "{title}: project brief",
    "fr": "{title}\u202f: fiche du projet",
    "es": "{title}: ficha del proyecto",
}


class CaseLoader:
    """Creates each case study under its city or region, then its translations."""

    def __init__(self, *, locales, user, taxonomy, partners, regions, cities):
        self.locales = locales
        self.user = user
        self.taxonomy = taxonomy
        self.partners = partners
        self.regions = regions
        self.cities = cities

    def load_all(self, items: list[dict], progress):
        for done, item in enumerate(items, start=1):
            with transaction.atomic():
                self.load(item)
            progress("Case studies", done, len(items))

    def load(self, item: dict):
        language = item["language"]
        parent = self.parent(item).get_translation(self.locales[language])
        model = SolutionPage if item["type"] == "solution" else InitiativePage
        # Databases loaded before case studies written in French or Spanish had slugs of their own
        # have them under their key.
        page = child(parent, model, case_slug(item)) or child(parent, model, item["key"])
        if page is None:
            page = self.create(item, model, parent)
        texts = case_texts(item)
        for code in LANGUAGES:
            if code != language and code in item["title"]:
                strings = text_pairs(texts, language, code)
                strings.update(self.partner_pairs(item, code))
                translate(page, self.locales[code], strings, self.user)

    def parent(self, item: dict):
        """The English page the case study belongs under: its city's, else its region's."""
        return self.cities[item["city"]] if item.get("city") else self.regions[item["region"]]

    def partner_pairs(self, item: dict, target: str) -> dict[str, str]:
        """The case's list of partner organisations in `target`, naming the international ones as
        that language does."""
        names = item.get("partner_organisations", [])
        translated = [self.partners.get(name, {}).get(target, name) for name in names]
        if translated == names:
            return {}
        return {"\n".join(names): "\n".join(translated)}

    def create(self, item: dict, model, parent):
        language = item["language"]
        team = roles.team_for_page(parent)
        collection = team.collection if team else None
        extra = solution_fields(item, language, collection) if model is SolutionPage else {}
        page = model(**case_fields(item, language), image=photograph_of(item), **extra)
        page.locale = parent.locale
        parent.add_child(instance=page)
        english = self.locales["en"]
        page.themes.set(Theme.objects.filter(locale=english, slug__in=item["themes"]))
        page.sdgs.set(
            SustainableDevelopmentGoal.objects.filter(locale=english, number__in=item["sdgs"])
        )
        partners = [
            self.cities[key] for key in item.get("partner_cities", []) if key in self.cities
        ]
        page.partner_cities.set(partners)
        page.save_revision(user=self.user).publish(user=self.user)
        return page


def case_slug(item: dict) -> str:
    """A case study's slug in the language it was written in: its key in English, else made from
    its title, as for its translations."""
    if item["language"] == "en":
        return item["key"]
    return slug_from_title(item["title"][item["language"]]) or item["key"]


def case_texts(item: dict) -> list[dict | None]:
    """Every text of the case study that is given in several languages."""
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


def text_in(item: dict, name: str, language: str) -> str:
    return (item.get(name) or {}).get(language, "")


def case_fields(item: dict, language: str) -> dict:
    """The fields every case study has, in the language it was written in."""
    return {
        "title": item["title"][language],
        "slug": case_slug(item),
        "summary": to_plain_text(text_in(item, "summary", language)),
        "body": case_body(item, language),
        "status": item["status"],
        "start_date": _date(item.get("start_date")),
        "end_date": _date(item.get("end_date")),
        "budget": item.get("budget"),
        "currency": item.get("currency", ""),
        "funding_sources": text_in(item, "funding_sources", language),
        "partner_organisations": "\n".join(item.get("partner_organisations", [])),
        "results": to_rich_text(text_in(item, "results", language)),
        "key_figures": [
            ("figure", {"value": figure["value"], "label": figure["label"][language]})
            for figure in item.get("key_figures", [])
        ],
        "contacts": case_contacts(item, language),
        "featured": item.get("featured", False),
    }


def case_body(item: dict, language: str) -> list[tuple]:
    body = [("paragraph", to_rich_text(text_in(item, "body", language)))]
    if item.get("quote"):
        quote = {
            "text": item["quote"]["text"][language],
            "attribution": item["quote"].get("attribution", ""),
        }
        body.append(("quote", quote))
    return body


def case_contacts(item: dict, language: str) -> list[tuple]:
    contact = item.get("contact")
    if not contact:
        return []
    return [
        (
            "contact",
            {"name": contact["name"], "role": contact["role"][language], "email": contact["email"]},
        )
    ]


def photograph_of(item: dict):
    """The case's photograph: one of the demo's few, shared by every case of its first theme.
    Sharing keeps set-up short and the first view of a listing quick, as each image's renditions
    (AVIF, WebP and JPEG at two widths) are made once for all the cases that show it."""
    return images.get_or_create_photograph(images.photograph_number(item["themes"][0]))


def solution_fields(item: dict, language: str, collection) -> dict:
    """What a shared solution has beyond an initiative: its texts and its project brief, a PDF
    filed in its team's collection."""
    fields = {name: to_rich_text(text_in(item, name, language)) for name in SOLUTION_TEXT_FIELDS}
    title = item["title"][language]
    brief = images.get_or_create_document(
        BRIEF_TITLE[language].format(title=title),
        f"{item['key'][:60]}-brief.pdf",
        lambda: images.render_brief(title, [to_plain_text(text_in(item, "summary", language))]),
        collection,
    )
    document = ("document", {"document": brief, "title": BRIEF_LINK[language]})
    fields["resources"] = [("resources", {"heading": "", "items": [document]})]
    return fields


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
