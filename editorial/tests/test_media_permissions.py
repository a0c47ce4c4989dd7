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
    attempt_media_in_bulk,
    changed,
    logged_in_client,
    record_tally,
    refused,
    rotating,
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


def test_every_city_editor_group_on_every_city_collection_through_the_permission_policies(
    city_teams,
):
    editors = {team.pk: UserFactory(groups=[team.group]) for team in city_teams}
    leaks, wrongly_refused, checked = [], [], 0
    for kind, media in MEDIA.items():
        model = media["model"]
        policy = policy_registry.get_by_type(model)
        samples = [model.objects.filter(collection=team.collection).first() for team in city_teams]
        samples = [item for item in samples if item is not None]
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
            for item in samples:
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


def test_every_city_editor_group_on_every_city_media_item_over_http(city_teams):
    """Every city's images and documents, through their direct URLs, as each group's own
    logged-in client. Every (group, item, URL) would be 45 × 433 × 5 = 97,425 requests, 13 to
    21 minutes of refusals at 8-13 ms each, so the requests form a covering array like the
    pages' (see `actions_to_attempt`): another city's item gets one of the five URLs per group,
    rotating, so each item sees each URL from 8 or 9 groups; one's own items get one of the
    three screens (GET), rotating, so that nothing is changed under the other requests. The bulk
    delete names, in one request per group and kind, every item outside the group's collection.
    A refusal is read from each response, and once at the end from the items themselves."""
    clients = {team.pk: logged_in_client(UserFactory(groups=[team.group])) for team in city_teams}
    collections = [team.collection_id for team in city_teams]
    items = [
        (kind, item)
        for kind, media in MEDIA.items()
        for item in media["model"].objects.filter(collection__in=collections).order_by("pk")
    ]
    before = media_states(items)
    leaks, wrongly_refused, attempted = [], [], set()
    requests = 0

    for group_index, team in enumerate(city_teams):
        client = clients[team.pk]
        for kind, media in MEDIA.items():
            others = [
                item.pk
                for item_kind, item in items
                if item_kind == kind and item.collection_id != team.collection_id
            ]
            response = attempt_media_in_bulk(client, media["bulk"], others)
            requests += 1
            attempted.update((team.pk, kind, pk, "delete") for pk in others)
            if not refused(response):
                leaks.append((team.group.name, kind, "delete in bulk", response.admin_messages))
        for item_index, (kind, item) in enumerate(items):
            own = item.collection_id == team.collection_id
            choices = [request for request in ITEM_REQUESTS if not own or request[1] == "get"]
            action, method, url = rotating(choices, group_index, item_index)
            data = {"title": "Taken over"} if method == "post" else None
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
        groups=len(city_teams),
        items=len(items),
        urls=len(ITEM_REQUESTS),
        requests=requests,
        combinations=len(attempted),
        of_all_combinations=len(city_teams) * len(items) * len(ITEM_REQUESTS),
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
        items_changed=len(items_changed),
    )
    assert leaks == []
    assert wrongly_refused == []
    assert items_changed == []
    groups_and_items = {(group, kind, pk) for group, kind, pk, _action in attempted}
    assert len(groups_and_items) == len(city_teams) * len(items)


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
