"""The demo loader builds the whole site, and a second run changes and doubles nothing."""

import io
import tomllib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from cities.models import MemberCityPage, RegionalSectionPage
from demo.records import DATA_DIR
from initiatives.models import InitiativePage, SolutionPage, SustainableDevelopmentGoal, Theme
from translations.slugs import slug_from_title
from translations.tests.test_interface_languages import typography_mistakes

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "themes": Theme.objects.count(),
        "goals": SustainableDevelopmentGoal.objects.count(),
        "translations": Translation.objects.count(),
    }


def test_demo_content_has_the_promised_scale(locales):
    english = locales["en"]
    assert RegionalSectionPage.objects.filter(locale=english).count() == 4
    assert MemberCityPage.objects.filter(locale=english).count() >= 40
    sources = {page.translation_key for page in InitiativePage.objects.all()} | {
        page.translation_key for page in SolutionPage.objects.all()
    }
    assert len(sources) >= 150
    assert Theme.objects.filter(locale=english).count() == 13
    assert SustainableDevelopmentGoal.objects.filter(locale=english).count() == 17


def test_structural_pages_exist_in_every_language(locales):
    for model in (RegionalSectionPage, MemberCityPage):
        counts = {
            code: model.objects.live().filter(locale=loc).count() for code, loc in locales.items()
        }
        assert len(set(counts.values())) == 1, counts


def test_a_third_of_case_studies_are_translated_and_some_were_written_in_french_or_spanish(locales):
    cases = [*InitiativePage.objects.all(), *SolutionPage.objects.all()]
    keys = {case.translation_key for case in cases}
    per_key = {}
    for case in cases:
        per_key.setdefault(case.translation_key, set()).add(case.locale.language_code)
    translated = [key for key, languages in per_key.items() if len(languages) == 3]
    assert len(translated) * 3 >= len(keys)
    originals = {
        Translation.objects.filter(source__object_id=key)
        .values_list("source__locale__language_code", flat=True)
        .first()
        for key in translated
    }
    assert {"fr", "es"} <= originals


def test_second_run_changes_nothing():
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert snapshot() == before
    assert "Demo content ready" in output.getvalue()


def in_language(model, english_slug, language):
    return model.objects.get(locale__language_code="en", slug=english_slug).get_translation(
        Locale.objects.get(language_code=language)
    )


@pytest.mark.parametrize(
    ("english_slug", "language", "title", "address"),
    [
        ("barcelona", "fr", "Barcelone", "/fr/europe/barcelone/"),
        ("lisbon", "fr", "Lisbonne", "/fr/europe/lisbonne/"),
        ("lisbon", "es", "Lisboa", "/es/europa/lisboa/"),
        ("mexico-city", "fr", "Mexico", "/fr/ameriques-et-caraibes/mexico/"),
        ("mexico-city", "es", "Ciudad de México", "/es/americas-y-el-caribe/ciudad-de-mexico/"),
        ("addis-ababa", "fr", "Addis-Abeba", "/fr/afrique/addis-abeba/"),
        ("addis-ababa", "es", "Adís Abeba", "/es/africa/adis-abeba/"),
        ("brussels", "es", "Región de Bruselas-Capital", "/es/europa/region-de-bruselas-capital/"),
    ],
)
def test_cities_have_their_french_and_spanish_names_and_addresses(
    english_slug, language, title, address
):
    city = in_language(MemberCityPage, english_slug, language)
    assert (city.title, city.url) == (title, address)


def test_a_translated_title_gives_a_translated_slug(locales):
    """No translation keeps its original's slug when its own title gives another ("Montreal" gives
    the same as "Montréal")."""
    sources = {
        source.object_id: source.as_instance()
        for source in TranslationSource.objects.filter(translations__enabled=True).distinct()
        if source.specific_content_type.model_class() is not None
        and issubclass(source.specific_content_type.model_class(), Page)
    }
    copied = [
        page.url_path
        for page in Page.objects.filter(translation_key__in=sources, depth__gt=2)
        if page.locale_id != sources[page.translation_key].locale_id
        and page.title != sources[page.translation_key].title
        and page.slug == sources[page.translation_key].slug
        and slug_from_title(page.title) != page.slug
    ]
    assert not copied


def test_a_case_written_in_french_has_a_french_address():
    page = SolutionPage.objects.get(
        locale__language_code="fr", title__startswith="Fix My Street\u202f:"
    )
    assert page.url == (
        "/fr/europe/region-de-bruxelles-capitale/"
        "fix-my-street-un-seul-guichet-pour-signaler-les-problemes-de-voirie/"
    )


def test_document_links_are_labelled_in_the_pages_language(client):
    for language, label in [("en", "Project brief"), ("fr", "Fiche du projet")]:
        solution = SolutionPage.objects.live().filter(locale__language_code=language).first()
        [block] = solution.resources
        [item] = block.value["items"]
        assert item.value["title"] == label
        content = client.get(solution.url).content.decode()
        assert f">{label}</a>" in content
    french = SolutionPage.objects.live().filter(locale__language_code="fr")
    assert not [page.url for page in french if "project brief" in client.get(page.url).text]


def test_international_partners_are_named_as_each_language_names_them():
    names = {"en": "World Bank", "fr": "Banque mondiale", "es": "Banco Mundial"}
    cases = [
        case
        for case in InitiativePage.objects.all()
        if any(name in case.partner_organisations.splitlines() for name in names.values())
    ]
    assert {case.locale.language_code for case in cases} == {"en", "fr", "es"}
    for case in cases:
        assert names[case.locale.language_code] in case.partner_organisations.splitlines()


def test_city_teams_keep_their_english_names():
    assert Group.objects.filter(name__in=["Barcelona editors", "Lisbon editors"]).count() == 2


def french_texts(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "fr" and isinstance(item, str):
                yield item
            else:
                yield from french_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from french_texts(item)


@pytest.mark.without_demo_content
def test_french_demo_text_follows_french_typography():
    mistakes = [
        (path.name, place)
        for path in sorted(DATA_DIR.glob("*.toml"))
        for text in french_texts(tomllib.loads(path.read_text()))
        for place in typography_mistakes(text)
    ]
    assert not mistakes


def test_the_demo_s_photographs_are_real_size_and_few(locales):
    """Page weights and first views measured on the demo are those of a site with real
    photographs: as large as a camera's export, and as hard to compress."""
    banners = {city.hero_image for city in MemberCityPage.objects.filter(locale=locales["en"])}
    photographs = {case.image for case in InitiativePage.objects.all()} | banners
    for photograph in photographs:
        assert (photograph.width, photograph.height) == (2400, 1600)
        assert photograph.get_file_size() > 200_000, photograph.title
    shared = {
        case.image_id for case in [*InitiativePage.objects.all(), *SolutionPage.objects.all()]
    }
    assert len(shared) <= 6, "case studies share a few photographs"
