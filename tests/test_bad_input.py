"""Wrong query strings get a normal page or a 404 with a message: never a 500, never raw HTML."""

import pytest

from initiatives.models import CaseLibraryPage

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script>'


@pytest.fixture
def library(locales):
    return CaseLibraryPage.objects.get(locale=locales["en"])


@pytest.mark.parametrize("page", ["-1", "0", "abc", str(10**9), "1e9", ""])
def test_case_library_survives_any_page_number(client, library, page):
    response = client.get(library.url, {"page": page})
    assert response.status_code == 200
    assert "case studies" in response.content.decode()


@pytest.mark.parametrize("param", ["region", "city", "theme", "sdg", "status", "type"])
def test_unknown_filter_values_are_ignored_with_a_notice(client, library, param):
    response = client.get(library.url, {param: PAYLOAD})
    content = response.content.decode()
    assert response.status_code == 200
    assert PAYLOAD not in content
    assert "not recognised" in content


def test_filters_combine_and_each_can_be_removed(client, library):
    response = client.get(library.url, {"theme": "water", "status": "completed"})
    content = response.content.decode()
    assert "Remove filter: Completed" in content
    remove_link = content.split("Remove filter: Completed")[0].rsplit('href="', 1)[1].split('"')[0]
    assert "status=" not in remove_link and "theme=water" in remove_link


@pytest.mark.parametrize("query", [PAYLOAD, "x" * 5000, '"unbalanced (AND OR', "🏙️ 東京 القاهرة"])
def test_search_handles_hostile_queries(client, query):
    response = client.get("/en/search/", {"q": query, "page": "-1"})
    assert response.status_code == 200
    assert PAYLOAD not in response.content.decode()


def test_robots_and_sitemaps(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    index = client.get("/sitemap.xml").content.decode()
    for language in ("en", "fr", "es"):
        assert f"http://testserver/{language}/sitemap.xml" in index
    french = client.get("/fr/sitemap.xml").content.decode()
    assert "/fr/" in french and "/en/" not in french
