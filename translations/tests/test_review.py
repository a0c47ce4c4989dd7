"""Creating translations: they start as drafts that go live through review, from an original
written in any working language."""

import tomllib

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState

from cities.models import MemberCityPage
from demo.records import DATA_DIR
from initiatives.models import InitiativePage, SolutionPage
from initiatives.tests.factories import InitiativePageFactory
from translations.freshness import source_of, translation_of

from .conftest import fetch

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def new_case(language="en", city="barcelona"):
    """A case study an editor has just written and published in `language`."""
    parent = MemberCityPage.objects.get(locale=locale("en"), slug=city).get_translation(
        locale(language)
    )
    page = InitiativePageFactory(
        parent=parent,
        locale=parent.locale,
        title="Superblocks for the metropolis",
        summary="Streets given back to residents, block by block.",
    )
    page.save_revision().publish()
    return fetch(page)


def submit_for_translation(client, page, languages):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale(code).pk for code in languages]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return {code: fetch(page.get_translation(locale(code))) for code in languages}


def alternates(client, page):
    content = client.get(page.url).content.decode()
    return {
        code
        for code, _name in settings.LANGUAGES
        if f'<link rel="alternate" hreflang="{code}"' in content
    }


def approve_all_tasks(page, user):
    """Approve every task of the page's workflow, as its reviewers would."""
    state = WorkflowState.objects.get(
        base_content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    while state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.current_task_state.approve(user=user)
        state.refresh_from_db()
    return state


def test_new_translations_start_as_drafts_that_visitors_do_not_see(admin, client):
    page = new_case()
    translations = submit_for_translation(admin, page, ["fr", "es"])

    for code, translation in translations.items():
        assert translation.locale.language_code == code
        assert not translation.live
        assert translation.get_latest_revision() is not None
        # Under the city's own translation, with the text ready for the translator.
        assert translation.get_parent().translation_key == page.get_parent().translation_key
        assert translation_of(translation).source == source_of(page)
    # Neither the switcher nor the alternates offer a draft.
    assert alternates(client, page) == {"en"}
    switcher = client.get(page.url).content.decode().split('class="language-switcher"', 1)[1]
    switcher = switcher.split("</nav>")[0]
    for translation in translations.values():
        assert translation.url not in switcher


def test_a_draft_translation_goes_live_through_the_pages_workflow(admin, client, superuser):
    page = new_case()
    french = submit_for_translation(admin, page, ["fr"])["fr"]
    assert french.get_workflow() is not None
    # The translator fills in the text in the editor, then submits it for review.
    response = admin.post(reverse("translations_submit_for_review", args=[french.pk]))
    assert response.status_code == 302
    french = fetch(french)
    assert french.workflow_in_progress
    assert not french.live
    assert TaskState.objects.filter(
        workflow_state__object_id=str(french.pk), revision=french.latest_revision
    ).exists()
    assert alternates(client, page) == {"en"}

    approve_all_tasks(french, superuser)
    french = fetch(french)
    assert french.live
    assert alternates(client, page) == {"en", "fr"}
    assert 'hreflang="fr" lang="fr"' in client.get(page.url).content.decode()


def test_the_listing_offers_review_for_a_draft_translation(admin):
    page = new_case()
    french = submit_for_translation(admin, page, ["fr"])["fr"]
    content = admin.get(reverse("wagtailadmin_explore", args=[french.get_parent().pk])).content
    url = reverse("translations_submit_for_review", args=[french.pk])
    assert f'data-w-action-url-value="{url}"'.encode() in content


def test_only_a_translation_can_be_submitted_through_the_translation_review(admin):
    page = new_case()
    response = admin.post(reverse("translations_submit_for_review", args=[page.pk]), follow=True)
    assert response.status_code == 404
    assert not fetch(page).workflow_in_progress


def first_demo_case(language):
    for path in sorted(DATA_DIR.glob("cases-*.toml")):
        with open(path, "rb") as file:
            for case in tomllib.load(file)["case"]:
                if case["language"] == language and len(case["title"]) == 3:
                    return case
    raise AssertionError(f"the demo content has no case written in {language}")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_case_written_first_in_french_or_spanish_is_the_source_of_its_translations(
    client, language
):
    case = first_demo_case(language)
    model = SolutionPage if case["type"] == "solution" else InitiativePage
    original = model.objects.get(locale__language_code=language, title=case["title"][language])
    source = source_of(original)
    assert source.locale.language_code == language
    targets = {t.target_locale.language_code for t in source.translations.filter(enabled=True)}
    assert targets == {"en", "fr", "es"} - {language}
    for translation in original.get_translations():
        assert translation_of(translation).source == source
        code = translation.locale.language_code
        assert translation.title == case["title"][code]
    assert client.get(original.url).status_code == 200


def test_a_case_written_in_spanish_translates_to_english_and_french(admin):
    page = new_case("es")
    form = admin.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    offered = form.context["form"].fields["locales"].queryset
    assert {item.language_code for item in offered} == {"en", "fr"}

    translations = submit_for_translation(admin, page, ["en", "fr"])
    assert source_of(page).locale.language_code == "es"
    for code, translation in translations.items():
        assert translation.get_parent().specific.locale.language_code == code
        assert translation_of(translation).source.locale.language_code == "es"
