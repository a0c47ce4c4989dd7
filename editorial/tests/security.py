"""What the security tests share: the actions, how each is asked of Wagtail's permission API and
attempted over HTTP, what a city editor may do, and where the tallies are written."""

import fcntl
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages import get_messages
from django.db.models import Count
from django.test import Client
from wagtail.models import Page, PageLogEntry

from cities.models import MemberCityPage

ACTIONS = (
    "edit",
    "publish",
    "unpublish",
    "delete",
    "move",
    "add child",
    "view revisions",
    "preview",
)
# The page actions the admin also offers in bulk, on many pages in one request.
BULK_ACTIONS = ("publish", "unpublish", "delete", "move")
TALLY_FILE = Path(settings.BASE_DIR) / "test-artifacts" / "security-tallies.json"
# `make test` checks a stratified sample of the HTTP matrices; `make test-security` (which CI
# runs) sets SECURITY_MATRIX=full and checks every combination.
FULL_MATRIX = os.environ.get("SECURITY_MATRIX", "sample") == "full"


def matrix_targets(team_index: int, targets, own, stratum, own_share=None):
    """The targets one editor group is tried on: all of them for the full matrix, else a
    stratified sample.

    `own(target)` says whether the target is the group's; `stratum(target)` names what besides
    ownership decides the answer (e.g. page type, locale, live or not). The sample has one target
    of every stratum outside the group, and the group's own targets of one `own_share` (e.g. one
    locale), since what a group may do to its own content costs a full admin page to check. Each
    group takes a different member of each stratum and a different share (rotating with
    `team_index`), so across the groups the sample reaches every share and many cities."""
    if FULL_MATRIX:
        return list(targets)
    mine, others = [], defaultdict(list)
    for target in targets:
        if own(target):
            mine.append(target)
        else:
            others[stratum(target)].append(target)
    if own_share is not None and mine:
        shares = sorted({own_share(target) for target in mine})
        share = shares[team_index % len(shares)]
        mine = [target for target in mine if own_share(target) == share]
    return mine + [members[team_index % len(members)] for members in others.values()]


def api_allows(tester, action: str) -> bool:
    """The answer of Wagtail's PagePermissionTester. Wagtail's history, revision and draft views
    require edit or publish permission (`can_view_revisions()` alone only says a page has a
    history), so those two actions are asked the way the views ask them."""
    if action == "edit":
        return tester.can_edit()
    if action == "publish":
        return tester.can_publish()
    if action == "unpublish":
        return tester.can_unpublish()
    if action == "delete":
        return tester.can_delete()
    if action == "move":
        return tester.can_move()
    if action == "add child":
        return tester.can_add_subpage()
    if action == "view revisions":
        return tester.can_view_revisions() and (tester.can_edit() or tester.can_publish())
    if action == "preview":
        return tester.can_edit() or tester.can_publish()
    raise ValueError(action)


class PageFacts:
    """What decides an editor's rights on a page besides ownership, read once per page."""

    def __init__(self, page: Page):
        self.live_in_subtree = page.get_descendants(inclusive=True).live().exists()
        self.is_leaf = page.is_leaf()
        specific_class = page.specific_class
        self.accepts_children = any(
            model.can_create_at(page) for model in specific_class.creatable_subpage_models()
        )


def city_editor_may(action: str, own: bool, facts: PageFacts) -> bool:
    """The rule the issue sets: add and edit in one's own city, in every locale, never publish.
    Like Wagtail, editing includes deleting or moving one's own pages while none of them is live."""
    if not own:
        return False
    if action in ("edit", "view revisions", "preview"):
        return True
    if action in ("publish", "unpublish"):
        return False
    if action == "delete":
        return facts.is_leaf and not facts.live_in_subtree
    if action == "move":
        return not facts.live_in_subtree
    if action == "add child":
        return facts.accepts_children
    raise ValueError(action)


def city_pages():
    """[(page, city translation key, facts)] for every page of every member city, every locale,
    with active workflow states prefetched (the permission API reads them)."""
    keys_by_path = dict(MemberCityPage.objects.values_list("path", "translation_key"))
    city_depths = set(MemberCityPage.objects.values_list("depth", flat=True))
    result = []
    pages = (
        Page.objects.filter(depth__gte=min(city_depths, default=1))
        .select_related("locale")
        .prefetch_workflow_states()
        .order_by("path")
    )
    for page in pages:
        key = next(
            (
                keys_by_path[page.path[: depth * Page.steplen]]
                for depth in city_depths
                if page.path[: depth * Page.steplen] in keys_by_path
            ),
            None,
        )
        if key is not None:
            result.append((page, key, PageFacts(page)))
    return result


class PageState(NamedTuple):
    path: str
    live: bool
    locked: bool
    latest_revision: int | None
    publications: int


def page_states(pks) -> dict[int, PageState]:
    """What a refused request must leave as it was on each page, read in two queries: where it
    is, whether it is live or locked, its latest revision and how often it was published."""
    publications = dict(
        PageLogEntry.objects.filter(page_id__in=pks, action="wagtail.publish")
        .values("page_id")
        .annotate(count=Count("pk"))
        .values_list("page_id", "count")
    )
    return {
        pk: PageState(path, live, locked, revision, publications.get(pk, 0))
        for pk, path, live, locked, revision in Page.objects.filter(pk__in=pks).values_list(
            "pk", "path", "live", "locked", "latest_revision_id"
        )
    }


def changed(before: dict, after: dict) -> list:
    """The keys whose state differs, or that are gone."""
    return [key for key in before if after.get(key) != before[key]]


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client: Client, method: str, url: str, data=None):
    """One request, with the messages the admin set on it in `response.admin_messages`.

    A browser shows those messages on the page it is redirected to, which these tests do not
    load, so they are dropped from the client here: left to pile up in the messages cookie, they
    were decoded and encoded again by every later request, which then took twice as long."""
    response = getattr(client, method)(url, data if data is not None else {})
    messages = get_messages(response.wsgi_request)
    response.admin_messages = [str(message).strip() for message in messages]
    client.cookies.pop("messages", None)
    return response


def attempt(client, action: str, page: Page, destination: Page | None = None, may=False):
    """Try `action` on `page` through the admin's URLs for that one page, as a browser would.

    An action the user must not do is attempted for real: a POST wherever the admin changes
    something, so a leak would show in the page itself. One the user `may` do is only asked for
    its screen, the confirmation of a delete or a move (a GET, answered by the same permission
    check), so the tree stays as it is under the requests that follow. Publishing goes through
    the bulk action, with one page: it publishes at once, where the edit view's button would
    start the review workflow."""
    base = f"/admin/pages/{page.pk}"
    if action == "edit":
        return send(client, "get", f"{base}/edit/")
    if action == "publish":
        return attempt_in_bulk(client, action, [page])
    if action == "unpublish":
        return send(client, "get" if may else "post", f"{base}/unpublish/")
    if action == "delete":
        return send(client, "get" if may else "post", f"{base}/delete/")
    if action == "move":
        return send(client, "get" if may else "post", f"{base}/move/{destination.pk}/confirm/")
    if action == "add child":
        return send(client, "get", f"{base}/add_subpage/")
    if action == "view revisions":
        return send(client, "get", f"{base}/history/")
    if action == "preview":
        return send(client, "get", f"{base}/view_draft/")
    raise ValueError(action)


def attempt_in_bulk(client, action: str, pages, destination: Page | None = None):
    """Try `action` (one of BULK_ACTIONS) on all `pages` in one request, as the page listing's
    bulk actions do."""
    ids = "&".join(f"id={page.pk}" for page in pages)
    data = {"chooser": destination.pk} if action == "move" else {}
    return send(client, "post", f"/admin/bulk/wagtailcore/page/{action}/?{ids}&next=/admin/", data)


def attempt_media_in_bulk(client, app_model: str, pks):
    """Try to delete all the media `pks` of `app_model` ("wagtailimages/image") in one request."""
    ids = "&".join(f"id={pk}" for pk in pks)
    return send(client, "post", f"/admin/bulk/{app_model}/delete/?{ids}&next=/admin/")


def refused(response) -> bool:
    """A refusal: the admin sends the user back to the dashboard with an error (or to the login
    page), or answers 403/404. A bulk action (a URL under /admin/bulk/) does not refuse: it acts
    on what the user may act on, skips the rest and says how many it acted on, so there a refusal
    is "0 pages have been published" (or images deleted, …)."""
    if response.status_code in (403, 404):
        return True
    if response.status_code != 302:
        return False
    if response.wsgi_request.path.startswith("/admin/bulk/"):
        messages = getattr(response, "admin_messages", [])
        return bool(messages) and all(message.startswith("0 ") for message in messages)
    location = response["Location"]
    return location == "/admin/" or location.startswith("/admin/login/")


def clear_tallies() -> None:
    """Start a run's tallies afresh (called once per run, before any test), so the file never
    mixes in the figures of an earlier run."""
    TALLY_FILE.unlink(missing_ok=True)


def record_tally(name: str, part: str | None = None, each: dict | None = None, **counts) -> None:
    """Keep the figures where the lead can quote them (test-artifacts/ is not committed).

    A test split into parts (which pytest-xdist may run in different processes) records each
    part under `parts`, and `total` adds up the `counts` of the parts recorded so far; `each`
    holds the figures every part shares, such as the number of pages. The file is read and
    written under a lock, since the processes write to it at the same time."""
    figures = {**(each or {}), **counts}
    TALLY_FILE.parent.mkdir(exist_ok=True)
    with open(TALLY_FILE.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tallies = {}
        if TALLY_FILE.exists():
            tallies = json.loads(TALLY_FILE.read_text(encoding="utf-8"))
        if part is None:
            tallies[name] = figures
        else:
            parts = tallies.setdefault(name, {}).setdefault("parts", {})
            parts[part] = figures
            tallies[name]["total"] = {
                **(each or {}),
                **{key: sum(recorded[key] for recorded in parts.values()) for key in counts},
                "parts recorded": len(parts),
            }
        TALLY_FILE.write_text(
            json.dumps(tallies, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    label = f"{name} [{part}]" if part else name
    print(f"\n{label}: " + ", ".join(f"{key}={value}" for key, value in figures.items()))
