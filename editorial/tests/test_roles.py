"""Roles follow the content: every city and region has its team, bound by reference, kept in step
as pages are created, translated, renamed and moved, and repaired by `manage.py sync_roles`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Locale, Page
from wagtail_localize.operations import TranslationCreator

from cities.models import MemberCityPage, RegionalSectionPage
from cities.tests.factories import MemberCityPageFactory
from editorial.models import EditorialTeam
from editorial.roles import MODERATORS_GROUP_NAME
from home.models import HomePage, StandardPage
from initiatives.tests.factories import InitiativePageFactory

from .conftest import team_of
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def can_edit(user, page):
    # Fresh objects: Wagtail caches a user's permissions on the user object.
    user = get_user_model().objects.get(pk=user.pk)
    return Page.objects.get(pk=page.pk).permissions_for_user(user).can_edit()


def test_every_city_region_and_language_has_its_named_group(locales):
    english = locales["en"]
    names = set(Group.objects.values_list("name", flat=True))
    for model in (MemberCityPage, RegionalSectionPage):
        for page in model.objects.filter(locale=english):
            assert f"{page.title} editors" in names
            assert team_of(page).group.name == f"{page.title} editors"
    assert {"Translators (English)", "Translators (French)", "Translators (Spanish)"} <= names
    assert MODERATORS_GROUP_NAME in names


def test_a_city_collection_sits_in_its_region_folder_and_holds_the_city_media(barcelona):
    team = team_of(barcelona)
    region_team = team_of(barcelona.get_parent())
    assert team.collection.get_parent() == region_team.folder
    assert region_team.collection.get_parent() == region_team.folder
    assert barcelona.hero_image.collection == team.collection
    assert barcelona.logo.collection == team.collection


def test_city_editors_edit_their_city_in_every_locale(barcelona, barcelona_editor):
    translations = barcelona.get_translations(inclusive=True)
    assert translations.count() == Locale.objects.count()
    for city in translations:
        assert can_edit(barcelona_editor, city)
        tester = city.permissions_for_user(barcelona_editor)
        assert tester.can_add_subpage() and not tester.can_publish()


def test_region_editors_edit_the_regions_own_pages_but_not_its_cities(barcelona):
    europe = barcelona.get_parent().specific
    editor = UserFactory(groups=[team_of(europe).group])
    own_page = InitiativePageFactory(parent=europe, title="A European exchange")

    assert can_edit(editor, own_page)
    assert not own_page.permissions_for_user(editor).can_publish()
    assert not can_edit(editor, barcelona)
    assert not can_edit(editor, barcelona.get_children().first())
    assert not can_edit(editor, europe)  # its subtree holds the cities: the secretariat's


def test_translators_edit_only_their_languages_tree(barcelona):
    french = Locale.objects.get(language_code="fr")
    translator = UserFactory(groups=[Group.objects.get(name="Translators (French)")])
    for city in barcelona.get_translations(inclusive=True):
        tester = city.permissions_for_user(translator)
        assert tester.can_edit() is (city.locale == french)
        assert not tester.can_publish()


def test_renaming_a_city_renames_its_group_and_collection_and_keeps_them(
    barcelona, barcelona_editor
):
    team = team_of(barcelona)
    group_pk, collection_pk = team.group.pk, team.collection.pk
    barcelona.title = "Ciutat de Barcelona"
    barcelona.save_revision().publish()

    team = team_of(barcelona)
    assert (team.group.pk, team.collection.pk) == (group_pk, collection_pk)
    assert team.group.name == "Ciutat de Barcelona editors"
    assert team.collection.name == "Ciutat de Barcelona"
    assert can_edit(barcelona_editor, barcelona)


def test_a_new_city_gets_its_team_and_so_do_its_later_translations():
    europe = RegionalSectionPage.objects.get(locale__language_code="en", slug="europe")
    city = MemberCityPageFactory(parent=europe, title="Valletta", slug="valletta")
    team = team_of(city)
    editor = UserFactory(groups=[team.group])
    assert team.group.name == "Valletta editors"
    assert team.collection.get_parent() == team_of(europe).folder
    assert can_edit(editor, city)

    french = Locale.objects.get(language_code="fr")
    TranslationCreator(None, [french]).create_translations(city)

    assert can_edit(editor, city.get_translation(french))


def test_moving_a_city_moves_its_collection_to_the_new_region(barcelona):
    africa = RegionalSectionPage.objects.get(locale__language_code="en", slug="africa")
    barcelona.move(africa, pos="last-child")

    assert team_of(barcelona).collection.get_parent() == team_of(africa).folder


def test_sync_roles_is_idempotent_and_repairs_what_was_changed(barcelona):
    team = team_of(barcelona)
    output = io.StringIO()
    call_command("sync_roles", stdout=output)
    assert "nothing to change" in output.getvalue()

    GroupPagePermission.objects.filter(group=team.group).delete()
    GroupPagePermission.objects.create(
        group=team.group, page=barcelona.get_parent(), permission_type="publish"
    )
    Collection.objects.get(pk=team.collection.pk).delete()
    output = io.StringIO()
    call_command("sync_roles", stdout=output)

    assert "Barcelona editors" in output.getvalue()
    team = team_of(barcelona)
    granted = {(p.page_id, p.permission.codename) for p in team.group.page_permissions.all()}
    assert granted == {
        (city.pk, codename)
        for city in barcelona.get_translations(inclusive=True)
        for codename in ("add_page", "change_page")
    }
    assert team.collection is not None
    output = io.StringIO()
    call_command("sync_roles", stdout=output)
    assert "nothing to change" in output.getvalue()


def test_sync_roles_fails_with_a_message_that_says_what_to_do():
    home = HomePage.objects.get(locale__language_code="en")
    stray = MemberCityPage(
        title="Nowhere", slug="nowhere", official_name="-", country="-", government_name="-"
    )
    home.add_child(instance=stray)  # page type rules allow this only in code

    with pytest.raises(CommandError, match="move it under one"):
        call_command("sync_roles", stdout=io.StringIO())


def test_pages_added_under_a_region_join_its_editors_pages(barcelona):
    europe = barcelona.get_parent().specific
    editor = UserFactory(groups=[team_of(europe).group])
    page = StandardPage(title="Regional network", slug="regional-network")
    europe.add_child(instance=page)

    assert can_edit(editor, page)
    assert EditorialTeam.objects.filter(kind=EditorialTeam.Kind.REGION).count() == 4
