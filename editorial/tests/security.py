"""What the security tests share: the actions, how each is asked of Wagtail's permission API and
attempted over HTTP, what a city editor may do, and where the tallies are written."""

import json
from pathlib import Path

from django.conf import settings
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
TALLY_FILE = Path(settings.BASE_DIR) / "test-artifacts" / "security-tallies.json"


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


def publish_count(page: Page) -> int:
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def attempt(client, action: str, page: Page, destination: Page | None = None):
    """Try `action` on `page` through the admin's own URLs, as a browser would."""
    base = f"/admin/pages/{page.pk}"
    if action == "edit":
        return client.get(f"{base}/edit/")
    if action == "publish":
        return client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/")
    if action == "unpublish":
        return client.post(f"{base}/unpublish/")
    if action == "delete":
        return client.post(f"{base}/delete/")
    if action == "move":
        return client.post(f"{base}/move/{destination.pk}/confirm/")
    if action == "add child":
        return client.get(f"{base}/add_subpage/")
    if action == "view revisions":
        return client.get(f"{base}/history/")
    if action == "preview":
        return client.get(f"{base}/view_draft/")
    raise ValueError(action)


def refused(response) -> bool:
    """A refusal: the admin sends the user back to the dashboard with an error (or to the login
    page), or answers 403/404."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        location = response["Location"]
        return location == "/admin/" or location.startswith("/admin/login/")
    return False


_recorded_this_run = False


def record_tally(name: str, **figures) -> None:
    """Keep the figures where the lead can quote them (test-artifacts/ is not committed). Each
    run starts the file afresh, so it never mixes in the figures of an earlier run."""
    global _recorded_this_run
    TALLY_FILE.parent.mkdir(exist_ok=True)
    tallies = {}
    if _recorded_this_run and TALLY_FILE.exists():
        tallies = json.loads(TALLY_FILE.read_text(encoding="utf-8"))
    _recorded_this_run = True
    tallies[name] = figures
    TALLY_FILE.write_text(
        json.dumps(tallies, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"\n{name}: " + ", ".join(f"{key}={value}" for key, value in figures.items()))
