"""Every facet value's count is the number of results its filter gives, in every mode: the
visitor's language alone or all languages, on the database and on each real engine.

With all languages, the list holds other languages' hits (those without a hit in the visitor's
language), so the facets count them too: by their type, status, themes and goals, and by the
visitor's-language region and city they are in. Choosing a value keeps exactly those hits.
"""

import pytest
from django.http import QueryDict
from django.utils import translation
from wagtail.models import Locale

from search.query import SiteSearch

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

# The issue's query, and a word in most case studies of each language.
QUERIES = [("fr", "waste"), ("fr", "ville"), ("en", "city"), ("es", "ciudad")]


def search(language_code: str, params: dict) -> SiteSearch:
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return SiteSearch(data, language_code)


def listed(site_search: SiteSearch) -> int:
    return site_search.page_of_hits(1).paginator.count


def check_every_value(language_code: str, params: dict) -> int:
    """Asserts each offered value's count against its filter's results (a facet is counted
    without its own filter: the results of that value alone, with the other filters); returns
    how many values were checked."""
    with translation.override(language_code):
        unfiltered = search(language_code, params)
        facets = unfiltered.case_filter.facets()
        checked = 0
        for facet in facets:
            for option in facet.options:
                filtered = search(language_code, {**params, facet.param: option.value})
                assert listed(filtered) == option.count, (facet.param, option.label, params)
                checked += 1
    return checked


@pytest.mark.parametrize(("language_code", "query"), QUERIES)
@pytest.mark.parametrize("all_languages", ["1", ""], ids=["all-languages", "own-language"])
def test_every_count_is_the_number_of_results_its_filter_gives(
    search_backend, language_code, query, all_languages
):
    params = {"q": query, "all_languages": all_languages}
    assert check_every_value(language_code, params)


def test_counts_hold_with_another_filter_applied(search_backend):
    region = next(iter(search("fr", {"q": "ville"}).case_filter.known_values("region")))
    params = {"q": "ville", "all_languages": "1", "region": region}
    assert check_every_value("fr", {**params, "type": "initiative"})
    # A second value of the same dimension adds its results (values of a dimension are ORed).
    both = search("fr", {**params, "type": ["initiative", "solution"]})
    alone = [search("fr", {**params, "type": kind}) for kind in ("initiative", "solution")]
    assert listed(both) == sum(listed(one) for one in alone)


def test_all_languages_counts_the_other_languages_hits_listed(search_backend):
    """The issue's case: "waste" in French lists English hits, and the facets count them."""
    with translation.override("fr"):
        all_languages = search("fr", {"q": "waste", "all_languages": "1"})
        french = Locale.objects.get(language_code="fr")
        others = [hit for hit in all_languages.ranked if hit.locale_id != french.pk]
        assert others, "the demo has English pages about waste"
        types = {
            option.value: option.count
            for facet in all_languages.case_filter.facets()
            if facet.param == "type"
            for option in facet.options
        }
        own = search("fr", {"q": "waste"})
        assert sum(types.values()) > listed(own) or not listed(own)
        for kind, count in types.items():
            kept = search("fr", {"q": "waste", "all_languages": "1", "type": kind})
            assert listed(kept) == count
            assert any(hit.locale_id != french.pk for hit in kept.filtered)
