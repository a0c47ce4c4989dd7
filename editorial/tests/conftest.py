"""People with editorial roles, built on the demo site's teams (made by the demo loader)."""

import pytest
from django.contrib.auth.models import Group

from cities.models import MemberCityPage
from editorial.models import EditorialTeam
from editorial.roles import MODERATORS_GROUP_NAME

from .factories import UserFactory


@pytest.fixture
def city_teams(db):
    return list(
        EditorialTeam.objects.filter(kind=EditorialTeam.Kind.CITY)
        .select_related("group", "collection")
        .order_by("group__name")
    )


def team_of(city: MemberCityPage) -> EditorialTeam:
    return EditorialTeam.objects.select_related("group", "collection").get(
        translation_key=city.translation_key
    )


def editor_of(city: MemberCityPage, **kwargs):
    return UserFactory(groups=[team_of(city).group], **kwargs)


@pytest.fixture
def barcelona(db):
    return MemberCityPage.objects.get(locale__language_code="en", slug="barcelona")


@pytest.fixture
def lisbon(db):
    return MemberCityPage.objects.get(locale__language_code="en", slug="lisbon")


@pytest.fixture
def barcelona_editor(barcelona):
    return editor_of(barcelona, username="barcelona-editor")


@pytest.fixture
def lisbon_editor(lisbon):
    return editor_of(lisbon, username="lisbon-editor")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=[Group.objects.get(name=MODERATORS_GROUP_NAME)])
