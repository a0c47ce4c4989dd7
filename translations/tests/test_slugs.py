"""A translation gets its slug from its translated title, unless the translator sets one."""

from urllib.parse import urlencode

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from cities.tests.factories import MemberCityPageFactory, RegionalSectionPageFactory
from home.tests.factories import HomePageFactory
from translations.slugs import slug_from_title

from .conftest import fetch

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Bruxelles", "bruxelles"),
        ("Ciudad de México", "ciudad-de-mexico"),
        ("Conseil d'administration", "conseil-d-administration"),
        ("L’accès à l’eau potable", "l-acces-a-l-eau-potable"),
        ("Greater Manchester's plan", "greater-manchesters-plan"),
        ("北京", ""),  # WAGTAIL_ALLOW_UNICODE_SLUGS is off: no slug rather than an empty word
    ],
)
def test_a_slug_is_the_title_in_lowercase_words(title, slug):
    assert slug_from_title(title) == slug


def test_a_long_title_gives_a_slug_cut_between_words():
    slug = slug_from_title("Un très long titre " * 10)
    assert len(slug) <= 80
    assert set(slug.split("-")) == {"un", "tres", "long", "titre"}


@pytest.fixture
def brussels(db):
    """An English city page in a tree of its own, published."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-for-slugs")
    region = RegionalSectionPageFactory(parent=home, title="Europe", slug="europe")
    city = MemberCityPageFactory(parent=region, title="Brussels", slug="brussels")
    city.save_revision().publish()
    return fetch(city)


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def submit_to_french(admin, page):
    french = Locale.objects.get(language_code="fr")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert admin.post(url, {"locales": [french.pk]}).status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=french)


def translate(admin, translation, path, value):
    """Type `value` into the editor's field for `path`, as a translator does."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = admin.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201), response.content


def publish(translation, user):
    # wagtail-localize publishes once the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=True)
    page = fetch(translation.get_target_instance())
    assert page.live
    return page


def test_a_new_translation_takes_its_slug_from_its_translated_title(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    assert fetch(translation.get_target_instance()).slug == "brussels"  # nothing translated yet

    translate(admin, translation, "title", "Bruxelles")
    french = publish(translation, admin_user)

    assert (french.title, french.slug) == ("Bruxelles", "bruxelles")
    assert french.url_path.endswith("/europe/bruxelles/")


def test_a_slug_the_translator_set_is_kept(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Bruxelles")
    translate(admin, translation, "slug", "region-bruxelloise")
    assert publish(translation, admin_user).slug == "region-bruxelloise"

    # Set before the title, too.
    other = MemberCityPageFactory(parent=brussels.get_parent(), title="Antwerp", slug="antwerp")
    other.save_revision().publish()
    translation = submit_to_french(admin, other)
    translate(admin, translation, "slug", "anvers-metropole")
    translate(admin, translation, "title", "Anvers")
    assert publish(translation, admin_user).slug == "anvers-metropole"


def test_syncing_again_keeps_the_translators_slug(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Bruxelles")
    translate(admin, translation, "slug", "bxl")
    publish(translation, admin_user)

    brussels.title = "Brussels-Capital Region"
    brussels.save_revision().publish()  # updates the translation source (translations.freshness)
    translate(admin, translation, "title", "Région de Bruxelles-Capitale")

    assert publish(translation, admin_user).slug == "bxl"


def test_a_live_translations_address_does_not_move_when_its_title_is_corrected(
    admin, admin_user, brussels
):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Bruxelle")
    assert publish(translation, admin_user).slug == "bruxelle"

    translate(admin, translation, "title", "Bruxelles")
    french = publish(translation, admin_user)
    assert (french.title, french.slug) == ("Bruxelles", "bruxelle")


def test_a_draft_translations_slug_follows_its_corrected_title(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Bruxelle")
    translate(admin, translation, "title", "Bruxelles")
    assert publish(translation, admin_user).slug == "bruxelles"


def test_a_title_that_is_the_same_in_both_languages_keeps_the_slug(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Brussels")
    assert publish(translation, admin_user).slug == "brussels"


def test_a_translated_slug_is_unique_among_its_siblings(admin, admin_user, brussels):
    translation = submit_to_french(admin, brussels)
    translate(admin, translation, "title", "Bruxelles")
    publish(translation, admin_user)
    region = MemberCityPageFactory(parent=brussels.get_parent(), title="Brussels region")
    region.save_revision().publish()

    translation = submit_to_french(admin, region)
    translate(admin, translation, "title", "Bruxelles")
    french = publish(translation, admin_user)

    assert french.slug != "bruxelles" and french.slug.startswith("bruxelles")
