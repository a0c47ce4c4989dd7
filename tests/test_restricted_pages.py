"""Nothing restricted leaks: a page behind a password, a login or a group restriction shows
nowhere a visitor who cannot open it would see it (core/visibility.py).

One site is built with, for every page type, every language and every kind of restriction, a
restricted page among visible translations of it, and every public surface is read as an
anonymous visitor: menus, listings, counts, the region, city, home and partner lists, search
results, spelling suggestions, autocomplete, sitemaps, the API, hreflang links and the language
switcher. It runs on the database backend and on each real engine.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction, Site

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.listings import PlaceCaseStudies
from initiatives.models import CaseLibraryPage, InitiativePage, SolutionPage
from search.engines import all_backends
from search.index import remove_page
from search.tests.conftest import refresh, use_backends

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.without_demo_content,
    pytest.mark.search_engine,
]

LANGUAGES = ("en", "fr", "es")
RESTRICTIONS = ("password", "login", "groups")
HIDDEN = "zqxhide"  # every restricted page's title, and so its slug, starts with it
SHOWN = "zqxshown"
CITY = {"official_name": "Zqx official", "country": "Nowhere", "government_name": "Zqx council"}
CASE = {"summary": "A case study.", "status": "ongoing"}
# Each page type, the fields it needs and where it lives: under the language's home, its test
# region or its test city (or the tree's root, for a home page).
PAGE_TYPES = {
    "home": (HomePage, {}, "root"),
    "standard": (StandardPage, {"show_in_menus": True}, "home"),
    "region": (RegionalSectionPage, {"show_in_menus": True}, "home"),
    "library": (CaseLibraryPage, {}, "home"),
    "city": (MemberCityPage, CITY, "region"),
    "initiative": (InitiativePage, CASE, "city"),
    "solution": (
        SolutionPage,
        {**CASE, "problem": "<p>A problem.</p>", "solution": "<p>A way.</p>"},
        "city",
    ),
}


def publish(page, parent=None):
    if parent is not None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translations_of(original, locales, title):
    """The original (English) page and its published French and Spanish translations, each
    titled `title(language)`."""
    pages = {"en": original}
    for code in ("fr", "es"):
        copy = original.copy_for_translation(locales[code])
        copy.title = title(code)
        copy.slug = slugify(copy.title)
        pages[code] = publish(copy)
    return pages


def site_home(locales) -> dict[str, Page]:
    """The site's home page in each language: the demo's, or one made for the test."""
    site = Site.objects.get(is_default_site=True)
    if not isinstance(site.root_page.specific, HomePage):
        home = publish(HomePage(title="Metropolis", slug="metropolis"), Page.get_first_root_node())
        site.root_page = home
        site.save()
    home = site.root_page.specific
    homes = {"en": home}
    for code in ("fr", "es"):
        homes[code] = home.get_translation_or_none(locales[code]) or publish(
            home.copy_for_translation(locales[code])
        )
    return homes


@pytest.fixture
def site(request, locales):
    """The test site on one search set-up (`request.param`), pages published but not yet
    restricted. `restricted` lists, per (type, language, restriction), the page to restrict."""
    context = use_backends(request.param)
    homes = site_home(locales)
    region = publish(RegionalSectionPage(title="Zqx region", slug="zqx-region"), homes["en"])
    regions = translations_of(region, locales, lambda code: f"Zqx region {code}")
    city = publish(MemberCityPage(title="Zqx city", slug="zqx-city", **CITY), region)
    cities = translations_of(city, locales, lambda code: f"Zqx city {code}")
    parents = {"root": {code: Page.get_first_root_node() for code in LANGUAGES}}
    parents.update(home=homes, region=regions, city=cities)

    restricted, shown, partners = {}, {}, []
    for kind, (model, fields, parent) in PAGE_TYPES.items():
        for restriction in RESTRICTIONS:
            # Two sets of translations: the English page restricted and the others visible, and
            # the reverse; so each language has one restricted page of each type and kind.
            for restricted_codes in (("en",), ("fr", "es")):

                def title(code, kind=kind, restriction=restriction, hidden=restricted_codes):
                    prefix = HIDDEN if code in hidden else SHOWN
                    return f"{prefix}{kind}{restriction}{code}".capitalize()

                fields_now = dict(fields)
                if model in (InitiativePage, SolutionPage):
                    fields_now["partner_cities"] = partners
                original = publish(
                    model(title=title("en"), slug=slugify(title("en")), **fields_now),
                    parents[parent]["en"],
                )
                pages = translations_of(original, locales, title)
                for code, page in pages.items():
                    if code in restricted_codes:
                        restricted[(kind, code, restriction)] = page
                    else:
                        shown[(kind, code, restriction)] = page
                if model is MemberCityPage:
                    partners.append(original)
    refresh()
    yield {
        "homes": homes,
        "regions": regions,
        "cities": cities,
        "restricted": restricted,
        "shown": shown,
    }
    for page in [*restricted.values(), *shown.values()]:
        remove_page(page)  # the engines keep documents when the database rolls back
    context.disable()


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Zqx members")[0])


def figures(client, site) -> dict:
    """Every count a visitor reads, per language."""
    counts = {}
    for code in LANGUAGES:
        home = client.get(site["homes"][code].url).context
        # Read afresh: the listings are cached on the page objects.
        region = RegionalSectionPage.objects.get(pk=site["regions"][code].pk)
        city = MemberCityPage.objects.get(pk=site["cities"][code].pk)
        counts[code] = {
            **home["figures"],
            "region members": region.member_cities.count(),
            "region cases": PlaceCaseStudies(region).count,
            "city cases": PlaceCaseStudies(city).count,
            "regions": len(home["regions"]),
        }
    return counts


def surfaces(site) -> list[str]:
    """The addresses of every public page that lists, counts or links to pages."""
    urls = ["/sitemap.xml"]
    for code in LANGUAGES:
        urls += [
            site["homes"][code].url,
            site["regions"][code].url,
            site["cities"][code].url,
            f"/{code}/sitemap.xml",
            f"/{code}/no-such-page/",  # a 404 has the menus too
            f"/{code}/search/?q={SHOWN}",
        ]
    # Every visible page: its hreflang links, language switcher and partner list; and each case
    # library, with its region and city filters.
    urls += [page.url for page in site["shown"].values() if page.url]
    return urls


def autocomplete(client, code, query) -> list[str]:
    response = client.get(f"/{code}/search/autocomplete/", {"q": query})
    return [result["title"] for result in json.loads(response.content)["results"]]


@pytest.mark.parametrize("site", list(all_backends()), indirect=True)
def test_a_restricted_page_appears_on_no_public_surface(client, site):
    # Before the restrictions, the pages are found: the checks below can see a leak.
    assert any(HIDDEN in title.lower() for title in autocomplete(client, "en", HIDDEN))
    assert HIDDEN in client.get(site["homes"]["en"].url).content.decode().lower()
    sample = site["restricted"][("standard", "fr", "login")].title.lower()
    assert client.get("/fr/search/", {"q": sample}).context["page_obj"].paginator.count == 1
    before = figures(client, site)

    for (_kind, _code, restriction), page in site["restricted"].items():
        restrict(page, restriction)

    # Counts: each language loses its restricted cities (3), case studies (6 of the region's and
    # the city's) and regions (3).
    after = figures(client, site)
    for code in LANGUAGES:
        expected = dict(before[code])
        for name, lost in {
            "members": 3,
            "initiatives": 3,
            "solutions": 3,
            "region members": 3,
            "region cases": 6,
            "city cases": 6,
            "regions": 3,
        }.items():
            expected[name] -= lost
        assert after[code] == expected, code

    # Menus, listings, region/city/home/partner lists, sitemaps, hreflang and the switcher.
    for url in surfaces(site):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert HIDDEN not in response.content.decode().lower(), url

    for (kind, code, restriction), page in site["restricted"].items():
        label = f"{kind} {code} {restriction}"
        word = page.title.lower()
        # Search results and spelling suggestions (the query misses the word's last letter).
        found = client.get(f"/{code}/search/", {"q": word})
        assert found.context["page_obj"].paginator.count == 0, label
        near = client.get(f"/{code}/search/", {"q": word[:-1]})
        assert word not in near.content.decode().lower(), label
        assert HIDDEN not in (near.context.get("suggestion") or ""), label
        # The API: neither the page nor a listing of its language shows it.
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404, label
        listing = client.get("/api/v2/pages/", {"slug": page.slug, "locale": code}).json()
        assert listing["meta"]["total_count"] == 0, label

    for code in LANGUAGES:
        assert autocomplete(client, code, HIDDEN) == [], code
        # A visible page is still suggested and completed: the rule hides only what it should.
        assert autocomplete(client, code, SHOWN), code
    shown = site["shown"][("standard", "en", "password")].title.lower()
    assert client.get("/en/search/", {"q": shown[:-1]}).context.get("suggestion") == shown
