"""City editors add, edit and choose images and documents in their city's collection, and nowhere
else: checked through Wagtail's permission policies, the choosers, the listings and the direct
edit and delete URLs."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from .conftest import team_of
from .factories import PIXEL_GIF, UserFactory
from .security import (
    FULL_MATRIX,
    attempt_media_in_bulk,
    changed,
    logged_in_client,
    matrix_targets,
    record_tally,
    refused,
    send,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

MEDIA = {
    "image": {
        "model": Image,
        "listing": "/admin/images/",
        "chooser": "/admin/images/chooser/",
        "edit": "/admin/images/{pk}/",
        "delete": "/admin/images/{pk}/delete/",
        "chosen": "/admin/images/chooser/chosen/{pk}/",
        "listed": re.compile(r"/admin/images/(\d+)/"),
        "offered": re.compile(r"/admin/images/chooser/chosen/(\d+)/"),
        "bulk": "wagtailimages/image",
    },
    "document": {
        "model": Document,
        "listing": "/admin/documents/",
        "chooser": "/admin/documents/chooser/",
        "edit": "/admin/documents/edit/{pk}/",
        "delete": "/admin/documents/delete/{pk}/",
        "chosen": "/admin/documents/chooser/chosen/{pk}/",
        "listed": re.compile(r"/admin/documents/edit/(\d+)/"),
        "offered": re.compile(r"/admin/documents/chooser/chosen/(\d+)/"),
        "bulk": "wagtaildocs/document",
    },
}
# The direct URLs of one item: (action, method, key of the URL in MEDIA).
ITEM_REQUESTS = (
    ("edit", "get", "edit"),
    ("edit (save)", "post", "edit"),
    ("delete (confirm)", "get", "delete"),
    ("delete", "post", "delete"),
    ("choose", "get", "chosen"),
)


def media_in(collection, model):
    return set(model.objects.filter(collection=collection).values_list("pk", flat=True))


def test_every_city_editor_group_on_every_city_media_item_through_the_permission_policies(
    city_teams,
):
    editors = {team.pk: UserFactory(groups=[team.group]) for team in city_teams}
    leaks, wrongly_refused, checked = [], [], 0
    for kind, media in MEDIA.items():
        model = media["model"]
        policy = policy_registry.get_by_type(model)
        items = list(model.objects.filter(collection__in=[team.collection for team in city_teams]))
        for team in city_teams:
            user = editors[team.pk]
            choosable = set(
                policy.instances_user_has_permission_for(user, "choose").values_list(
                    "pk", flat=True
                )
            )
            listed = set(
                policy.instances_user_has_any_permission_for(
                    user, ["change", "delete"]
                ).values_list("pk", flat=True)
            )
            for item in items:
                own = item.collection_id == team.collection_id
                answers = {
                    "choose": item.pk in choosable,
                    "list": item.pk in listed,
                    "edit": policy.user_has_permission_for_instance(user, "change", item),
                    "delete": policy.user_has_permission_for_instance(user, "delete", item),
                }
                for action, allowed in answers.items():
                    checked += 1
                    if allowed and not own:
                        leaks.append((team.group.name, kind, item.pk, action))
                    elif own and not allowed:
                        wrongly_refused.append((team.group.name, kind, item.pk, action))
            # Upload only into their own collection.
            checked += 1
            addable = set(policy.collections_user_has_permission_for(user, "add"))
            if addable != {team.collection}:
                leaks.append((team.group.name, kind, "add", sorted(c.name for c in addable)))
    record_tally(
        "city editors × media of every city collection × actions (permission policies)",
        combinations=checked,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
    )
    assert leaks == []
    assert wrongly_refused == []


def test_city_editors_see_only_their_collection_in_listings_and_choosers(city_teams):
    problems, checked = [], 0
    for team in city_teams:
        client = Client()
        client.force_login(UserFactory(groups=[team.group]))
        for kind, media in MEDIA.items():
            own = media_in(team.collection, media["model"])
            for view, pattern in (("listing", "listed"), ("chooser", "offered")):
                response = client.get(media[view])
                checked += 1
                shown = {int(pk) for pk in media[pattern].findall(response.content.decode())}
                if response.status_code != 200 or shown != own:
                    problems.append((team.group.name, kind, view, sorted(shown - own)))
    record_tally(
        "city editors × (images, documents) × (listing, chooser) (HTTP)",
        requests=checked,
        problems=len(problems),
    )
    assert problems == []


def media_states(items) -> dict:
    """What a refused request must leave as it was on each item: its collection, title and file."""
    return {
        (kind, pk): state
        for kind, media in MEDIA.items()
        for pk, *state in media["model"]
        .objects.filter(pk__in=[item.pk for item_kind, item in items if item_kind == kind])
        .values_list("pk", "collection_id", "title", "file")
    }


# Split by group, like the pages' HTTP matrix: 97,425 requests with the demo content in the full
# matrix (`make test-security`).
HTTP_PARTS = 5


def item_request(own: bool, item, method: str, url: str):
    """How one of ITEM_REQUESTS is sent. On another city's item, as it is: the edit form posts a
    new title, the delete is confirmed. On one's own item nothing may change under the requests
    that follow, so the edit form posts the title the item already has, and the delete is asked
    for its confirmation screen (a GET, answered by the same permission check)."""
    if not own:
        return method, url, {"title": "Taken over"} if method == "post" else None
    if url == "delete":
        return "get", url, None
    return method, url, {"title": item.title} if method == "post" else None


@pytest.mark.security_matrix
@pytest.mark.parametrize("part", range(HTTP_PARTS))
def test_every_city_editor_group_on_every_city_media_item_over_http(city_teams, part):
    """Every city editor group × every image and document of every city collection × every
    direct URL (ITEM_REQUESTS), as the group's own logged-in client, and once more through the
    bulk delete, which names in one request per group and kind every item outside the group's
    collection. A refusal is read from each response, and once at the end from the items
    themselves: none may have changed collection, title or file.

    In `make test`, each group is tried on its own items of one kind (the groups take turns) and
    on one other collection's item of each kind, one by one and in bulk; `make test-security`
    tries every item."""
    teams = city_teams[part::HTTP_PARTS]
    collections = [team.collection_id for team in city_teams]
    items = [
        (kind, item)
        for kind, media in MEDIA.items()
        for item in media["model"].objects.filter(collection__in=collections).order_by("pk")
    ]
    targets = {
        team.pk: matrix_targets(
            index,
            items,
            own=lambda entry, collection=team.collection_id: entry[1].collection_id == collection,
            stratum=lambda entry: entry[0],
            own_share=lambda entry: entry[0],
        )
        for index, team in enumerate(city_teams)
        if team in teams
    }
    before = media_states(items)
    leaks, wrongly_refused, attempted = [], [], set()
    requests = bulk_requests = 0

    for team in teams:
        client = logged_in_client(UserFactory(groups=[team.group]))
        for kind, media in MEDIA.items():
            others = [
                item.pk
                for item_kind, item in targets[team.pk]
                if item_kind == kind and item.collection_id != team.collection_id
            ]
            response = attempt_media_in_bulk(client, media["bulk"], others)
            bulk_requests += 1
            if not refused(response):
                leaks.append((team.group.name, kind, "delete in bulk", response.admin_messages))
        for kind, item in targets[team.pk]:
            own = item.collection_id == team.collection_id
            for action, *request in ITEM_REQUESTS:
                method, url, data = item_request(own, item, *request)
                response = send(client, method, MEDIA[kind][url].format(pk=item.pk), data)
                requests += 1
                attempted.add((team.pk, kind, item.pk, action))
                if own and refused(response):
                    wrongly_refused.append((team.group.name, kind, item.pk, action))
                elif not own and not refused(response):
                    leaks.append((team.group.name, kind, item.pk, action, response.status_code))

    items_changed = changed(before, media_states(items))
    record_tally(
        "city editors × media of every city collection × direct URLs (HTTP)",
        part=f"{part + 1} of {HTTP_PARTS}",
        each={"items": len(items), "urls": len(ITEM_REQUESTS), "full matrix": FULL_MATRIX},
        groups=len(teams),
        combinations=len(attempted),
        requests=requests,
        bulk_requests=bulk_requests,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
        items_changed=len(items_changed),
    )
    assert len(city_teams) == 45
    assert leaks == []
    assert wrongly_refused == []
    assert items_changed == []
    assert len(attempted) == requests == sum(map(len, targets.values())) * len(ITEM_REQUESTS)
    if FULL_MATRIX:
        assert requests == len(teams) * len(items) * len(ITEM_REQUESTS)


def test_an_editors_uploads_land_in_their_city_collection(barcelona_editor, barcelona, lisbon):
    client = Client()
    client.force_login(barcelona_editor)

    def upload(collection):
        return client.post(
            "/admin/images/add/",
            {
                "title": f"Upload into {collection.name}",
                "file": SimpleUploadedFile("pixel.gif", PIXEL_GIF, content_type="image/gif"),
                "collection": collection.pk,
            },
        )

    lisbon_media = media_in(team_of(lisbon).collection, Image)
    upload(team_of(lisbon).collection)
    upload(team_of(barcelona).collection)

    # With a single collection to upload into, Wagtail does not even offer the choice.
    assert media_in(team_of(lisbon).collection, Image) == lisbon_media
    uploads = Image.objects.filter(title__startswith="Upload into")
    assert uploads.count() == 2
    assert {image.collection for image in uploads} == {team_of(barcelona).collection}
    assert {image.uploaded_by_user for image in uploads} == {barcelona_editor}
