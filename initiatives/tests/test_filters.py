"""A search's hits are filtered and counted in memory (HitFacets); the case library's case studies in
SQL. Both follow the same rules, so for the same pages and filters they must give the same answers."""

import pytest
from django.http import QueryDict
from wagtail.models import Locale

from initiatives.filters import FILTER_PARAMS, CaseStudyFilter
from initiatives.queries import live_case_studies

pytestmark = pytest.mark.django_db


def filter_choices(locale) -> list[str]:
    """Query strings covering every dimension, alone and combined, and every city (partner cities
    count towards a city as well as the case studies under it)."""
    known = CaseStudyFilter(QueryDict(), locale)
    themes, regions, goals = (list(known.known_values(name)) for name in ("theme", "region", "sdg"))
    return [
        "",
        f"theme={themes[0]}",
        f"theme={themes[0]}&theme={themes[1]}",
        f"region={regions[0]}&status=ongoing",
        f"type=solution&sdg={goals[10]}",
        f"region={regions[1]}&theme={themes[2]}&type=initiative",
        "status=completed&status=planned",
        *(f"city={city}" for city in known.known_values("city")),
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_hits_are_filtered_and_counted_in_memory_as_in_the_database(language):
    locale = Locale.objects.get(language_code=language)
    live = list(live_case_studies(locale).values_list("pk", flat=True))
    hits = set(live[::2])  # a search's hits: some of the live case studies
    counted = 0
    for query in filter_choices(locale):
        case_filter = CaseStudyFilter(QueryDict(query), locale, within_ids=hits)
        assert case_filter.hits is not None
        assert case_filter.matching_ids() == case_filter._matching_ids_in_database(), query
        for param in FILTER_PARAMS:
            in_memory = case_filter._count_by(param)
            assert in_memory == case_filter._count_in_database(param), (query, param)
            counted += sum(in_memory.values())
    assert counted > len(hits)  # the comparison is over real counts, not empty ones
