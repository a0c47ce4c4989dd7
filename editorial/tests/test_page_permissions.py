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
    BULK_ACTIONS,
    FULL_MATRIX,
    PageFacts,
    api_allows,
    attempt,
    attempt_in_bulk,
    changed,
    city_editor_may,
    city_pages,
    logged_in_client,
    matrix_targets,
    page_states,
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


# The HTTP matrix is split by group into parts that pytest-xdist can run side by side: every
# (group, page, action) is a request of its own, 203,400 with the demo content in the full
# matrix (`make test-security`), about 20 minutes of CPU at 5-6 ms a refusal.
HTTP_PARTS = 9


def page_stratum(entry):
    """What decides a city editor's answer on another city's page: its type, locale and facts."""
    page, _key, facts = entry
    return (
        page.content_type_id,
        page.locale_id,
        facts.live_in_subtree,
        facts.is_leaf,
        facts.accepts_children,
    )


@pytest.mark.security_matrix
@pytest.mark.parametrize("part", range(HTTP_PARTS))
def test_every_city_editor_group_on_every_city_page_over_http(city_teams, part):
    """Every city editor group × every page of every city in every locale × every action,
    each through that page's own admin URL, as the group's own logged-in client (`attempt`
    says how each action is asked), and once more through the admin's bulk actions, which name
    in one request per group and action every page the group must not touch. A refusal is read
    from each response, and once at the end from the pages themselves: none may have moved,
    been published, unpublished, locked or given a new revision.

    In `make test`, each group is tried on its own pages in one locale (the groups take turns)
    and on one other city's page of every stratum (`page_stratum`), one by one and in bulk;
    `make test-security` tries every page."""
    teams = city_teams[part::HTTP_PARTS]
    pages = city_pages()
    targets = {
        team.translation_key: matrix_targets(
            index,
            pages,
            own=lambda entry, key=team.translation_key: entry[1] == key,
            stratum=page_stratum,
            own_share=lambda entry: entry[0].locale_id,
        )
        for index, team in enumerate(city_teams)
        if team in teams
    }
    names = {team.translation_key: team.group.name for team in teams}
    # A live destination inside the editor's own city, in the page's locale: the most tempting
    # place to move a page to, and the move must still be refused.
    own_city = {
        (key, page.locale_id): page
        for page, key, _facts in pages
        if page.specific_class is MemberCityPage
    }
    before = page_states([page.pk for page, _key, _facts in pages])
    leaks, wrongly_refused, unexpected, attempted = [], [], [], set()
    requests = bulk_requests = 0

    for team in teams:
        key = team.translation_key
        client = logged_in_client(UserFactory(groups=[team.group]))
        for action in BULK_ACTIONS:
            forbidden = [
                page
                for page, city_key, facts in targets[key]
                if not city_editor_may(action, city_key == key, facts)
            ]
            destination = own_city[(key, forbidden[0].locale_id)]
            response = attempt_in_bulk(client, action, forbidden, destination)
            bulk_requests += 1
            if not refused(response):
                leaks.append((names[key], f"{action} in bulk", response.admin_messages))
        for page, city_key, facts in targets[key]:
            own = city_key == key
            destination = own_city.get((key, page.locale_id), page)
            for action in ACTIONS:
                expected = city_editor_may(action, own, facts)
                response = attempt(client, action, page, destination, may=expected)
                requests += 1
                attempted.add((key, page.pk, action))
                if response.status_code not in (200, 302, 403, 404):
                    unexpected.append((names[key], page.pk, action, response.status_code))
                elif not refused(response) and not expected:
                    leaks.append((names[key], page.pk, action, response.status_code))
                elif refused(response) and expected:
                    wrongly_refused.append((names[key], page.pk, action))

    pages_changed = changed(before, page_states(list(before)))
    record_tally(
        "city editors × city pages × actions (HTTP)",
        part=f"{part + 1} of {HTTP_PARTS}",
        each={"pages": len(pages), "actions": len(ACTIONS), "full matrix": FULL_MATRIX},
        groups=len(teams),
        combinations=len(attempted),
        requests=requests,
        bulk_requests=bulk_requests,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
        unexpected_answers=len(unexpected),
        pages_changed=len(pages_changed),
    )
    assert len(city_teams) == 45
    assert unexpected == []
    assert leaks == []
    assert wrongly_refused == []
    assert pages_changed == []
    assert len(attempted) == requests == sum(map(len, targets.values())) * len(ACTIONS)
    if FULL_MATRIX:
        assert requests == len(teams) * len(pages) * len(ACTIONS)


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
    client = logged_in_client(moderator)
    page = barcelona.get_children().live().first()
    before = page_states([page.pk])[page.pk]

    response = attempt(client, "publish", page)

    assert response.status_code == 302 and not refused(response)
    assert response.admin_messages == ["1 page has been published"]
    assert page_states([page.pk])[page.pk].publications == before.publications + 1
    response = attempt(client, "unpublish", page)
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
