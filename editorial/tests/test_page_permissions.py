"""No city editor can act outside its city, no editor can publish, and moderators can.

The combinations are generated in a loop and every disagreement is collected, so one run reports
all of them; the tallies are printed (run with -s) and kept in test-artifacts/security-tallies.json.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from cities.models import MemberCityPage
from editorial.models import EditorialTeam

from .factories import UserFactory
from .security import (
    ACTIONS,
    PageFacts,
    api_allows,
    attempt,
    city_editor_may,
    city_pages,
    publish_count,
    record_tally,
    refused,
)

pytestmark = pytest.mark.django_db


def one_editor_per_team(teams):
    return {team.translation_key: UserFactory(groups=[team.group]) for team in teams}


def test_every_city_editor_group_on_every_city_page_in_every_locale_through_the_permission_api(
    city_teams,
):
    editors = one_editor_per_team(city_teams)
    pages = city_pages()
    leaks, wrongly_refused, checked = [], [], 0
    for team in city_teams:
        user = editors[team.translation_key]
        for page, city_key, facts in pages:
            tester = page.permissions_for_user(user)
            own = city_key == team.translation_key
            for action in ACTIONS:
                allowed = api_allows(tester, action)
                expected = city_editor_may(action, own, facts)
                checked += 1
                if allowed and not expected:
                    leaks.append((team.group.name, page.pk, page.locale_id, action))
                elif expected and not allowed:
                    wrongly_refused.append((team.group.name, page.pk, action))

    record_tally(
        "city editors × city pages × actions (permission API)",
        groups=len(city_teams),
        pages=len(pages),
        actions=len(ACTIONS),
        combinations=checked,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
    )
    assert len(city_teams) == 45
    assert checked == len(city_teams) * len(pages) * len(ACTIONS)
    assert leaks == []
    assert wrongly_refused == []


def test_every_city_page_and_action_attempted_over_http_by_its_own_and_a_foreign_editor(city_teams):
    """Each (page, action) is attempted by the page's own city editor and by another city's
    editor (a different one each time, so every group takes part). Refusals are all attempted;
    of the allowed requests, which render whole editing screens, one page per city is sampled."""
    editors = one_editor_per_team(city_teams)
    clients = {}
    for key, user in editors.items():
        clients[key] = Client()
        clients[key].force_login(user)
    team_keys = [team.translation_key for team in city_teams]
    team_names = {team.translation_key: team.group.name for team in city_teams}
    pages = city_pages()
    # A live destination inside each editor's own city, per locale: a move there is the most
    # tempting one, and must still be refused.
    city_pages_by_key = {}
    for page, key, _facts in pages:
        if page.specific_class is MemberCityPage:
            city_pages_by_key.setdefault(key, []).append(page)
    own_city_in_locale = {
        (key, page.locale_id): page for key, cities in city_pages_by_key.items() for page in cities
    }
    # The allowed requests are sampled: each city's own page, in a different locale per city.
    sampled_allowed = {
        key: cities[index % len(cities)].pk
        for index, (key, cities) in enumerate(sorted(city_pages_by_key.items(), key=str))
    }
    leaks, wrongly_refused, unexpected, checked = [], [], [], 0
    before = {page.pk: (page.path, page.live, publish_count(page)) for page, _key, _f in pages}

    for index, (page, city_key, facts) in enumerate(pages):
        foreign_key = team_keys[(team_keys.index(city_key) + 1 + index) % len(team_keys)]
        if foreign_key == city_key:
            foreign_key = team_keys[(team_keys.index(city_key) + 1) % len(team_keys)]
        for action in ACTIONS:
            for editor_key in (city_key, foreign_key):
                own = editor_key == city_key
                expected = city_editor_may(action, own, facts)
                if expected and sampled_allowed[city_key] != page.pk:
                    continue
                client = clients[editor_key]
                destination = own_city_in_locale.get((editor_key, page.locale_id), page)
                if action == "publish":
                    published_before = publish_count(page)
                    response = attempt(client, action, page)
                    allowed = publish_count(page) > published_before
                else:
                    response = attempt(client, action, page, destination)
                    if refused(response):
                        allowed = False
                    elif response.status_code in (200, 302):
                        allowed = True
                    else:
                        unexpected.append((page.pk, action, response.status_code))
                        continue
                checked += 1
                if allowed and not expected:
                    leaks.append((team_names[editor_key], page.pk, action, response.status_code))
                elif expected and not allowed:
                    wrongly_refused.append((team_names[editor_key], page.pk, action))

    after = {
        page.pk: (page.path, page.live, publish_count(page))
        for page in Page.objects.filter(pk__in=before)
    }
    changed = [pk for pk in before if after.get(pk) != before[pk]]
    record_tally(
        "city pages × actions × (own, foreign) editor (HTTP)",
        pages=len(pages),
        requests=checked,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
        pages_changed_by_refused_requests=len(changed),
    )
    assert unexpected == []
    assert leaks == []
    assert wrongly_refused == []
    assert changed == []
    assert checked >= len(pages) * len(ACTIONS)


def test_no_editor_or_translator_can_publish_or_unpublish_any_page():
    teams = EditorialTeam.objects.exclude(kind=EditorialTeam.Kind.MODERATORS).select_related(
        "group"
    )
    users = [UserFactory(groups=[team.group]) for team in teams]
    pages = list(Page.objects.filter(depth__gt=1).prefetch_workflow_states())
    leaks, checked = [], 0
    for user in users:
        for page in pages:
            tester = page.permissions_for_user(user)
            for action in ("publish", "unpublish"):
                checked += 1
                if api_allows(tester, action):
                    leaks.append((user.groups.get().name, page.pk, action))
    record_tally(
        "every editor and translator group × every page × publish, unpublish (permission API)",
        groups=len(users),
        pages=len(pages),
        combinations=checked,
        leaks=len(leaks),
    )
    assert len(users) == 45 + 4 + 3
    assert leaks == []


def test_moderators_can_do_everything_a_page_allows_on_every_page(moderator):
    pages = list(Page.objects.filter(depth__gt=1).prefetch_workflow_states())
    refusals, checked = [], 0
    for page in pages:
        tester = page.permissions_for_user(moderator)
        facts = PageFacts(page)
        possible = {
            "edit": True,
            "publish": True,
            "unpublish": page.live,
            "delete": facts.is_leaf and page.depth > 2,  # locale roots stay
            "move": page.depth > 2,
            "add child": facts.accepts_children,
            "view revisions": True,
            "preview": True,
        }
        for action in ACTIONS:
            if not possible[action]:
                continue
            checked += 1
            if not api_allows(tester, action):
                refusals.append((page.pk, action))
    record_tally(
        "moderators × every page × actions the page allows (permission API)",
        pages=len(pages),
        combinations=checked,
        refused=len(refusals),
    )
    assert checked > len(pages) * 5
    assert refusals == []


def test_moderators_publish_and_unpublish_over_http(moderator, barcelona):
    client = Client()
    client.force_login(moderator)
    page = barcelona.get_children().live().first()
    before = publish_count(page)

    response = attempt(client, "publish", page)

    assert response.status_code == 302
    assert publish_count(page) == before + 1
    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302 and not refused(response)
    page.refresh_from_db()
    assert not page.live


def test_a_city_editor_may_delete_its_own_draft_but_not_a_live_page(barcelona, barcelona_editor):
    from initiatives.tests.factories import InitiativePageFactory

    draft = InitiativePageFactory(parent=barcelona, live=False, owner=barcelona_editor)
    client = Client()
    client.force_login(barcelona_editor)

    assert refused(
        client.post(f"/admin/pages/{barcelona.get_children().live().first().pk}/delete/")
    )
    response = client.post(f"/admin/pages/{draft.pk}/delete/")

    assert response.status_code == 302 and not refused(response)
    assert not Page.objects.filter(pk=draft.pk).exists()
