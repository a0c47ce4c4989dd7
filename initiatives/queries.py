"""Queries over both case-study types at once. InitiativePage and SolutionPage are separate tables,
so every listing goes through these helpers rather than repeating the pair."""

from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page

from initiatives.models import InitiativePage, SolutionPage

CASE_STUDY_MODELS = (InitiativePage, SolutionPage)


def live_case_studies(locale: Locale) -> QuerySet:
    """Every live initiative and solution in one locale's tree, newest first."""
    return (
        Page.objects.type(*CASE_STUDY_MODELS)
        .live()
        .public()
        .filter(locale=locale)
        .order_by("-first_published_at", "pk")
    )


def case_studies_under(page: Page) -> QuerySet:
    return live_case_studies(page.locale).descendant_of(page).specific()


def partner_case_study_ids(city) -> set[int]:
    """Case studies of the city's locale that name the city (in any language) as a partner."""
    ids = set()
    for model in CASE_STUDY_MODELS:
        ids.update(
            model.objects.filter(
                locale=city.locale, partner_cities__translation_key=city.translation_key
            ).values_list("pk", flat=True)
        )
    return ids


def case_studies_for_city(city) -> QuerySet:
    """What the city leads and what it joins as a partner."""
    return (
        live_case_studies(city.locale)
        .filter(Q(path__startswith=city.path) | Q(pk__in=partner_case_study_ids(city)))
        .specific()
    )
