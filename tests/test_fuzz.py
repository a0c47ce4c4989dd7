"""A fuzz test of everything a visitor can type into an address: generated requests over search,
autocomplete, the case library's filters and page numbers, the API and odd paths.

Every answer must be a normal page, a redirect within the site, a 400 or a 404: never a 5xx, and
never the input reflected unescaped into HTML. Answers slower than SLOW_SECONDS are reported
(printed, and written with the other figures to test-artifacts/fuzz.json), not asserted: a
timing assertion would fail on a busy machine for no fault of the site.

`make fuzz` sends FUZZ_REQUESTS=10000; `make test` sends a bounded sample (DEFAULT_REQUESTS),
the same requests on every run (FUZZ_SEED).
"""

import json
import os
import random
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client

from initiatives.models import CaseLibraryPage
from search.query import normalise_query

pytestmark = pytest.mark.django_db

DEFAULT_REQUESTS = 300
SLOW_SECONDS = 2.0
ARTIFACT = Path(settings.BASE_DIR) / "test-artifacts" / "fuzz.json"
LANGUAGES = ("en", "fr", "es")
# Each probe carries markup: found raw (not as &lt;…) in an HTML answer, it was reflected.
PROBES = ('<zqxfuzz a="1">', "\"'><zqxfuzz>", "<zqxfuzz/onload=alert(1)>", "</title><zqxfuzz>")
STRINGS = [
    "",
    " ",
    "water",
    "eau l'eau d'Abidjan",
    "movilidad urbana",
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "%' AND SLEEP(5) AND '%'='",
    '{"query": {"match_all": {}}}',
    "*:*",
    "title:water^100",
    'water~2 AND (flood OR "storm',
    "/.*/",
    "\\",
    "{{ 7*7 }}",
    "{% debug %}",
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "\r\nSet-Cookie: x=1",
    "\u202eevil\u202c",
    "zero\u200bwidth\u200d",
    "🏙️🌊 東京 القاهرة मुंबई",
    "ＦＵＬＬＷＩＤＴＨ",
    "e\u0301\u0301\u0301\u0301",
    "\ufeffbom",
    "\x00nul",
    "\x7f\x1b[31m",
    "-1",
    "0",
    "1e9",
    "9" * 40,
    "NaN",
    "null",
    "[]",
    "true",
]
FILTERS = ("region", "city", "theme", "sdg", "status", "type")
API_PARAMS = (
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "locale",
    "translation_of",
    "slug",
    "html_path",
    "id",
    "site",
    "format",
)
API_ENDPOINTS = ("pages", "images", "documents", "nowhere")
# Raw query strings that are not valid UTF-8 or not valid percent-encoding.
RAW_QUERIES = ("q=%ff%fe%00", "q=%C0%AF", "q=%", "q=%zz", "page=%ff", "q=a&q=b&q=" + "%41" * 3000)


def requests_to_send() -> int:
    return int(os.environ.get("FUZZ_REQUESTS", DEFAULT_REQUESTS))


class Generator:
    """Reproducible odd requests: each is (path, query string)."""

    def __init__(self, seed: int, library_paths: dict[str, str]):
        self.random = random.Random(seed)
        self.library_paths = library_paths

    def string(self) -> str:
        pick = self.random.random()
        if pick < 0.15:
            return self.random.choice(PROBES) + self.random.choice(STRINGS)
        if pick < 0.25:
            return self.random.choice(STRINGS) * self.random.choice((50, 500, 3000))
        if pick < 0.4:
            return "".join(
                chr(self.random.choice((self.random.randrange(32, 0x2FFF), 0x10FFFF, 0xFFFD)))
                for _ in range(self.random.randrange(1, 60))
            )
        return self.random.choice(STRINGS)

    def query(self, params: list[tuple[str, str]]) -> str:
        if self.random.random() < 0.05:
            return self.random.choice(RAW_QUERIES)
        return urlencode(params)

    def search(self, code):
        params = [("q", self.string())]
        for name in ("page", "sort", "all_languages", *FILTERS):
            if self.random.random() < 0.3:
                params.append((name, self.string()))
        return f"/{code}/search/", self.query(params)

    def autocomplete(self, code):
        return f"/{code}/search/autocomplete/", self.query([("q", self.string())])

    def library(self, code):
        params = [(name, self.string()) for name in FILTERS if self.random.random() < 0.5]
        params.append(("page", self.string()))
        return self.library_paths[code], self.query(params)

    def api(self, _code):
        endpoint = self.random.choice(API_ENDPOINTS)
        if self.random.random() < 0.3:
            return f"/api/v2/{endpoint}/{quote(self.string(), safe='')}/", ""
        names = self.random.sample(API_PARAMS, self.random.randrange(1, 4))
        return f"/api/v2/{endpoint}/", self.query([(name, self.string()) for name in names])

    def path(self, code):
        prefix = self.random.choice((f"/{code}/", "/", "/admin/", "/documents/", "/media/"))
        segments = [quote(self.string(), safe="") for _ in range(self.random.randrange(1, 4))]
        return prefix + "/".join(segments), ""

    def __iter__(self):
        kinds = (self.search, self.autocomplete, self.library, self.api, self.path)
        while True:
            kind = self.random.choice(kinds)
            yield kind.__name__, *kind(self.random.choice(LANGUAGES))


def reflected(response) -> bool:
    """Whether a probe's markup comes back raw in an HTML answer."""
    if "html" not in response.get("Content-Type", ""):
        return False
    return "<zqxfuzz" in response.content.decode(errors="replace")


def leaves_the_site(response) -> bool:
    location = response.get("Location", "")
    return location.startswith(("//", "http://", "https://", "\\")) and not location.startswith(
        ("http://testserver/", "https://testserver/")
    )


def test_generated_requests_get_no_server_error_and_no_reflection(locales):
    total = requests_to_send()
    library_paths = {
        code: CaseLibraryPage.objects.get(locale=locales[code]).url for code in LANGUAGES
    }
    client = Client(raise_request_exception=False)
    generated = Generator(int(os.environ.get("FUZZ_SEED", "15")), library_paths)
    statuses, by_kind, failures, slow = Counter(), Counter(), [], []
    durations = []
    for _number, (kind, path, query) in zip(range(total), generated, strict=False):
        url = f"{path}?{query}" if query else path
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        durations.append(elapsed)
        statuses[response.status_code] += 1
        by_kind[kind] += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url[:300]}")
        elif reflected(response):
            failures.append(f"reflected {url[:300]}")
        elif leaves_the_site(response):
            failures.append(f"redirect to {response['Location'][:200]} from {url[:300]}")
        if elapsed > SLOW_SECONDS:
            slow.append({"seconds": round(elapsed, 2), "url": url[:300]})

    durations.sort()
    figures = {
        "requests": total,
        "by_kind": dict(by_kind),
        "statuses": {str(code): n for code, n in sorted(statuses.items())},
        "failures": len(failures),
        "slow_over_2s": len(slow),
        "slowest": sorted(slow, key=lambda item: -item["seconds"])[:20],
        "median_ms": round(durations[len(durations) // 2] * 1000, 1),
        "p99_ms": round(durations[int(len(durations) * 0.99)] * 1000, 1),
        "max_ms": round(durations[-1] * 1000, 1),
    }
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print("\nFuzz:", json.dumps({k: v for k, v in figures.items() if k != "slowest"}))
    for item in figures["slowest"]:
        print(f"  slow ({item['seconds']} s): {item['url']}")
    assert not failures, "\n".join(failures[:50])


@pytest.mark.without_demo_content
@pytest.mark.parametrize(
    "query",
    [
        "search=water&search_operator=%27+OR+1%3D1",
        "offset=9999999999999999999999999999999999999999",
        "search=%00nul",
    ],
)
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_the_api_answers_parameters_the_fuzz_found_with_a_400(client, endpoint, query):
    assert client.get(f"/api/v2/{endpoint}/?{query}").status_code == 400


@pytest.mark.without_demo_content
@pytest.mark.parametrize("search", ['"', "'", 'water "housing', "l'eau AND (x"])
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_the_api_searches_the_words_of_a_query_with_stray_syntax(client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    words = client.get(f"/api/v2/{endpoint}/", {"search": normalise_query(search)})

    assert response.status_code == words.status_code == 200
    assert response.json()["meta"]["total_count"] == words.json()["meta"]["total_count"]
