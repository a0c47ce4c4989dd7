"""A phone on a slow connection: the heaviest public pages stay under 150 KiB on a first visit, and
their photographs come as AVIF. A size, not a speed: `make bench-weights` records every page's
weight in docs/benchmarks.md."""

import pytest

from cities.models import MemberCityPage
from initiatives.models import CaseLibraryPage, InitiativePage

from .chromium import PHONE, transferred_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.media_urls"),
]
BUDGET = 150 * 1024


def heaviest_pages():
    """A city page with its banner, a case study with its photograph, the case library."""
    city = MemberCityPage.objects.live().filter(locale__language_code="fr").first()
    case = InitiativePage.objects.live().filter(locale__language_code="fr", image__isnull=False)
    library = CaseLibraryPage.objects.get(locale__language_code="fr")
    return {"city": city.url, "case study": case.first().url, "case library": library.url}


@pytest.mark.parametrize("name", ["city", "case study", "case library"])
def test_a_first_visit_on_a_phone_downloads_under_150_kib_with_avif_photographs(
    live_server, browser_page, name
):
    context = browser_page.context.browser.new_context(viewport=PHONE)  # an empty cache
    loaded = transferred_bytes(context.new_page(), live_server.url + heaviest_pages()[name])
    context.close()

    failed = [request["url"] for request in loaded if request["status"] != 200]
    assert failed == []
    # Uploaded images, not the site's icon.
    photographs = [r for r in loaded if r["type"] == "image" and "/media/" in r["url"]]
    assert photographs, "the page showed no uploaded image"
    assert {request["content_type"] for request in photographs} == {"image/avif"}
    total = sum(request["bytes"] for request in loaded)
    assert total < BUDGET, f"{total / 1024:.1f} KiB: " + ", ".join(
        f"{request['url'].rsplit('/', 1)[-1]} {request['bytes'] / 1024:.1f}" for request in loaded
    )
