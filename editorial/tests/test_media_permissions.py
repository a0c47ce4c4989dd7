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
from .security import record_tally, refused

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
    },
}


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


def test_direct_media_urls_refuse_other_cities_editors(city_teams):
    """Each city's media are attempted by their own editors and by another city's editors
    (a different one for each collection): edit, delete and choose, over HTTP."""
    clients = {}
    for team in city_teams:
        clients[team.pk] = Client()
        clients[team.pk].force_login(UserFactory(groups=[team.group]))
    leaks, wrongly_refused, checked = [], [], 0
    for index, team in enumerate(city_teams):
        foreign = city_teams[(index + 1 + index % 7) % len(city_teams)]
        for kind, media in MEDIA.items():
            model = media["model"]
            for item in model.objects.filter(collection=team.collection)[:2]:
                for editor, own in ((team, True), (foreign, False)):
                    client = clients[editor.pk]
                    attempts = {
                        "edit": client.get(media["edit"].format(pk=item.pk)),
                        "delete (confirm)": client.get(media["delete"].format(pk=item.pk)),
                        "choose": client.get(media["chosen"].format(pk=item.pk)),
                    }
                    if not own:
                        attempts["delete"] = client.post(media["delete"].format(pk=item.pk))
                        attempts["edit (save)"] = client.post(
                            media["edit"].format(pk=item.pk), {"title": "Taken over"}
                        )
                    for action, response in attempts.items():
                        checked += 1
                        allowed = not refused(response)
                        if allowed and not own:
                            leaks.append((editor.group.name, kind, item.pk, action))
                        elif own and not allowed:
                            wrongly_refused.append((editor.group.name, kind, item.pk, action))
                    if not own:
                        item.refresh_from_db()  # still there, title unchanged
                        assert item.title != "Taken over"
    record_tally(
        "city media × (own, foreign) editor × edit, delete, choose (HTTP)",
        requests=checked,
        leaks=len(leaks),
        wrongly_refused=len(wrongly_refused),
    )
    assert leaks == []
    assert wrongly_refused == []


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
