"""The site's frame: its languages, the home page and Wagtail site, the organisation's own pages and
the case library."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from demo import records
from demo.pages import child, publish
from demo.text import to_plain_text, to_rich_text
from home.models import HomePage, StandardPage
from initiatives.models import CaseLibraryPage

ORGANISATION_PAGES = "organisation.toml"
CASE_LIBRARY_SLUG = "case-studies"
CASE_LIBRARY_TITLE = {"en": "Case studies", "fr": "Études de cas", "es": "Casos de estudio"}
CASE_LIBRARY_INTRO = {
    "en": "Initiatives and shared solutions from member governments, ready to learn from and replicate.",
    "fr": "Initiatives et solutions partagées des gouvernements membres, pour apprendre et reproduire.",
    "es": "Iniciativas y soluciones compartidas de los gobiernos miembros, para aprender y replicar.",
}


def ensure_locales() -> dict[str, Locale]:
    """A Wagtail locale for each of the site's languages, by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


@transaction.atomic
def load_home(data: dict, english: Locale, user) -> HomePage:
    """The English home page, made the default site's root."""
    home = HomePage.objects.filter(depth=2, locale=english).first()
    if home is None:
        home = HomePage(
            title=data["name"]["en"],
            slug="metropolis",
            tagline=data["tagline"]["en"],
            introduction=to_rich_text(data["introduction"]["en"]),
            seo_title=data["tagline"]["en"],
        )
        publish(Page.get_first_root_node(), home, user)
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
    return home


@transaction.atomic
def load_organisation_pages(home, user) -> int:
    """The About page under the home page, and the other organisation pages under it."""
    items = records.pages(ORGANISATION_PAGES)
    about = None
    for item in items:
        parent = about or home
        page = child(parent, StandardPage, item["slug"]) or publish(
            parent,
            StandardPage(
                title=item["title"]["en"],
                slug=item["slug"],
                show_in_menus=True,
                introduction=to_plain_text(item["intro"]["en"]),
                body=[("paragraph", to_rich_text(item["body"]["en"]))],
            ),
            user,
        )
        about = about or page
    return len(items)


@transaction.atomic
def load_case_library(home, user):
    if child(home, CaseLibraryPage, CASE_LIBRARY_SLUG) is None:
        publish(
            home,
            CaseLibraryPage(
                title=CASE_LIBRARY_TITLE["en"],
                slug=CASE_LIBRARY_SLUG,
                show_in_menus=True,
                introduction=CASE_LIBRARY_INTRO["en"],
            ),
            user,
        )


# What each page says in every language, as (page, texts) pairs for translate_everywhere.


def home_texts(home, data: dict) -> list[tuple]:
    return [(home, [data["name"], data["tagline"], data["introduction"]])]


def case_library_texts(home) -> list[tuple]:
    library = child(home, CaseLibraryPage, CASE_LIBRARY_SLUG)
    return [(library, [CASE_LIBRARY_TITLE, CASE_LIBRARY_INTRO])]


def organisation_texts(home) -> list[tuple]:
    jobs = []
    about = None
    for item in records.pages(ORGANISATION_PAGES):
        page = child(about or home, StandardPage, item["slug"])
        about = about or page
        jobs.append((page, [item["title"], item["intro"], item["body"]]))
    return jobs
