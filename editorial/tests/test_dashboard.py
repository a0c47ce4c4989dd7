"""The secretariat's dashboard: what waits for review (by region), what has gone stale, how far
each city is translated, and the content inventory as CSV."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from cities.models import MemberCityPage
from editorial.reports import translation_coverage
from initiatives.tests.factories import InitiativePageFactory

from .admin_forms import add_initiative
from .conftest import editor_of

pytestmark = pytest.mark.django_db
INVENTORY_URL = "/admin/secretariat/inventory.csv"


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def test_submissions_awaiting_review_are_grouped_by_region(moderator_client, barcelona):
    lima = MemberCityPage.objects.get(locale__language_code="en", slug="lima")
    for city, title in ((barcelona, "Bus lanes on the Diagonal"), (lima, "Andean water funds")):
        client = Client()
        client.force_login(editor_of(city))
        add_initiative(client, city, title, title.lower().replace(" ", "-"))

    html = moderator_client.get("/admin/").content.decode()

    assert "Submissions awaiting review, by region" in html
    europe = html.index(escape(f"{barcelona.get_parent().title} (1)"))
    americas = html.index(escape(f"{lima.get_parent().title} (1)"))
    assert europe < html.index("Bus lanes on the Diagonal") < html.index("Andean water funds")
    assert americas < html.index("Andean water funds")


def test_submissions_are_grouped_under_the_moderator_language_region_names(moderator, barcelona):
    UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "fr"})
    lima = MemberCityPage.objects.get(locale__language_code="en", slug="lima")
    for city, title in ((barcelona, "Bus lanes on the Diagonal"), (lima, "Andean water funds")):
        client = Client()
        client.force_login(editor_of(city))
        add_initiative(client, city, title, title.lower().replace(" ", "-"))
    client = Client()
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    americas = html.index(escape("Amériques et Caraïbes (1)"))
    assert americas < html.index("Andean water funds") < html.index("Europe (1)")
    assert "The Americas &amp; the Caribbean (1)" not in html


def test_stale_pages_are_those_not_updated_for_twelve_months(moderator_client, barcelona):
    page = barcelona.get_children().live().first()
    html = moderator_client.get("/admin/").content.decode()
    assert "Every live page has been updated in the last twelve months." in html

    long_ago = timezone.now() - datetime.timedelta(days=400)
    Page.objects.filter(pk=page.pk).update(
        latest_revision_created_at=long_ago, last_published_at=long_ago
    )
    html = moderator_client.get("/admin/").content.decode()

    assert "1 live page has not been updated for twelve months." in html
    assert f"/admin/pages/{page.pk}/edit/" in html


def test_translation_coverage_is_the_share_of_a_citys_pages_live_in_each_language(barcelona):
    cities = barcelona.get_translations(inclusive=True)
    pages = [page for city in cities for page in city.get_descendants(inclusive=True)]
    keys = {page.translation_key for page in pages}
    table = translation_coverage()
    [row] = [row for row in table.cities if row.city == barcelona.title]

    assert row.pages == len(keys)
    for locale, coverage in row.by_locale:
        live = {p.translation_key for p in pages if p.locale_id == locale.pk and p.live}
        assert coverage.live == len(live)
        assert coverage.percent == round(100 * len(live) / len(keys))
    assert len(table.cities) == MemberCityPage.objects.filter(locale=Locale.get_default()).count()

    # A new, unpublished page lowers the city's coverage everywhere.
    InitiativePageFactory(parent=barcelona, live=False)
    [after] = [row for row in translation_coverage().cities if row.city == barcelona.title]
    assert after.pages == row.pages + 1


def test_the_coverage_panel_lists_every_city_and_language(moderator_client, barcelona):
    html = moderator_client.get("/admin/").content.decode()
    assert "Translation coverage" in html
    assert f'<th scope="row">{barcelona.title}</th>' in html
    for locale in Locale.objects.all():
        assert f'<th scope="col">{locale.get_display_name()}</th>' in html


def test_editors_do_not_see_the_secretariat_panels(barcelona_editor):
    client = Client()
    client.force_login(barcelona_editor)
    html = client.get("/admin/").content.decode()
    assert "Translation coverage" not in html
    assert "Submissions awaiting review, by region" not in html


def test_the_content_inventory_lists_every_page_in_every_language(moderator_client, barcelona):
    InitiativePageFactory(parent=barcelona, title='=HYPERLINK("http://evil.example")')
    response = moderator_client.get(INVENTORY_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == Page.objects.filter(depth__gt=1).count()
    row = next(row for row in rows if row["ID"] == str(barcelona.pk))
    assert (row["Title"], row["Language"], row["Member city"]) == ("Barcelona", "en", "Barcelona")
    assert row["Regional section"] == barcelona.get_parent().title
    assert row["Live"] == "yes"
    assert any(row["Title"].startswith("'=HYPERLINK") for row in rows)


def test_the_inventory_is_for_the_secretariat_only(barcelona_editor):
    editor = Client()
    editor.force_login(barcelona_editor)
    assert editor.get(INVENTORY_URL)["Location"] == "/admin/"
    assert Client().get(INVENTORY_URL)["Location"].startswith("/admin/login/")


def test_the_coverage_panel_names_places_in_the_moderator_language(moderator, barcelona, lisbon):
    UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "fr"})
    french = Locale.objects.get(language_code="fr")
    barcelona_fr = barcelona.get_translation(french)
    barcelona_fr.title = "Barcelone"
    barcelona_fr.save(update_fields=["title"])
    # A city with no French page keeps its English name.
    lisbon.get_translation(french).delete()
    client = Client()
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    assert "Couverture des traductions" in html
    assert '<th scope="row">Barcelone</th>' in html
    assert '<th scope="row">Barcelona</th>' not in html
    assert '<th scope="row">Lisbon</th>' in html
    assert "<td>Europe</td>" in html
    assert "<td>Afrique</td>" in html
    assert "<td>Africa</td>" not in html
