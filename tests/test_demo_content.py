"""The demo loader builds the whole site, and a second run changes and doubles nothing."""

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from cities.models import MemberCityPage, RegionalSectionPage
from initiatives.models import InitiativePage, SolutionPage, SustainableDevelopmentGoal, Theme

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
