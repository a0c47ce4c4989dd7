"""Every public page type costs the same number of SQL queries however many case studies there are.

Each page is rendered on the demo site, then again after five times as many case studies are added
(bench/generate.py writes them as the benchmarks do: spread over the member cities, a third per
language, with themes and goals). A listing that ran a query per card, or a count that walked the
content, would show here as a difference.

Two costs are counted: a visitor's request once the site is warm, which is what nearly every
request costs (menus, figures and private sections are read once per change to the published
site, core/published.py), and the first request after such a change, with nothing cached.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import CaseStudyGenerator
from bench.public_pages import public_urls

pytestmark = pytest.mark.django_db

# The most queries a public page may take on a warm site.
MOST_QUERIES = 20
GROWTH = 5


def queries_per_page(client, urls: dict[str, str], cold: bool) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def costs(client, language: str) -> tuple[dict, dict]:
    urls = public_urls(language)
    cold = queries_per_page(client, urls, cold=True)
    queries_per_page(client, urls, cold=False)  # every page once: the shared parts are cached
    return cold, queries_per_page(client, urls, cold=False)


def test_queries_per_page_stay_the_same_as_case_studies_grow(client):
    generator = CaseStudyGenerator()
    small = generator.case_study_count()
    languages = ("en", "fr")
    for language in languages:  # process-wide caches (content types, site paths) fill once
        queries_per_page(client, public_urls(language), cold=False)
    before = {language: costs(client, language) for language in languages}

    generator.grow_to(small * GROWTH)
    assert generator.case_study_count() == small * GROWTH
    after = {language: costs(client, language) for language in languages}

    for language in languages:
        (cold_before, warm_before), (cold_after, warm_after) = before[language], after[language]
        print(f"\n{language} warm: {warm_after}\n{language} cold: {cold_after}")
        assert warm_after == warm_before, language
        assert cold_after == cold_before, language
        assert max(warm_after.values()) <= MOST_QUERIES, (language, warm_after)
