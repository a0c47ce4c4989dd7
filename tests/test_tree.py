"""Parent and child page types keep each locale's tree in its intended shape."""

import pytest
from wagtail.models import Page

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.models import CaseLibraryPage, InitiativePage, SolutionPage

pytestmark = pytest.mark.django_db


def allowed(child, parent) -> bool:
    return child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (HomePage, Page),
        (RegionalSectionPage, HomePage),
        (CaseLibraryPage, HomePage),
        (StandardPage, HomePage),
        (MemberCityPage, RegionalSectionPage),
        (InitiativePage, MemberCityPage),
        (SolutionPage, MemberCityPage),
        (InitiativePage, RegionalSectionPage),
        (StandardPage, MemberCityPage),
    ],
)
def test_allowed_placements(child, parent):
    assert allowed(child, parent)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (MemberCityPage, HomePage),
        (RegionalSectionPage, RegionalSectionPage),
        (InitiativePage, HomePage),
        (SolutionPage, CaseLibraryPage),
        (InitiativePage, InitiativePage),
        (MemberCityPage, MemberCityPage),
        (HomePage, RegionalSectionPage),
    ],
)
def test_forbidden_placements(child, parent):
    assert not allowed(child, parent)


def test_one_home_page_and_one_case_library_per_locale(home, locales):
    assert not CaseLibraryPage.can_create_at(home)
    for locale in locales.values():
        assert HomePage.objects.filter(locale=locale).count() == 1
        assert CaseLibraryPage.objects.filter(locale=locale).count() == 1
