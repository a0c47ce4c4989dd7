"""Queries over every case study, of both types: InitiativePage and SolutionPage are children of
CaseStudyPage, whose table holds what listings filter and sort by, so each is one query."""

from django.db.models import Q, QuerySet
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage
from core.tree import ancestor_path
from core.visibility import visible
from initiatives.models import CaseStudyPage

# The renditions of the {% picture %} in initiatives/components/case_card.html, fetched with the
# listing. Keep the two the same: a card whose prefetched renditions lack one of its own would
# encode them all again on every view.
CARD_RENDITIONS = Filter.expand_spec("format-{avif,webp,jpeg} fill-{400x225,800x450}")
# Root, home page, region, city: a case study sits under its city, or under a region directly.
REGION_DEPTH, CITY_DEPTH = 3, 4


def live_case_studies(locale: Locale | int) -> QuerySet:
    """Every visible initiative and solution in one locale's tree (a locale or its id), newest
    first. Listings show cards, so their StreamFields (body, figures, contacts, resources) are
    left unread: decoding them took most of a listing's time."""
    return (
        visible(Page.objects.type(CaseStudyPage).filter(locale=locale))
        .order_by("-first_published_at", "pk")
        .defer_streamfields()
    )


def case_studies_under(page: Page) -> QuerySet:
    return live_case_studies(page.locale_id).descendant_of(page).specific()


def partner_case_study_ids(city) -> set[int]:
    """Case studies of the city's locale that name the city (in any language) as a partner."""
    return set(
        CaseStudyPage.objects.filter(
            locale_id=city.locale_id, partner_cities__translation_key=city.translation_key
        ).values_list("pk", flat=True)
    )


def case_studies_for_city(city) -> QuerySet:
    """What the city leads and what it joins as a partner."""
    return (
        live_case_studies(city.locale_id)
        .filter(Q(path__startswith=city.path) | Q(pk__in=partner_case_study_ids(city)))
        .specific()
    )


def with_card_details(cases) -> list:
    """The case studies as a list, with what their cards show (lead city, region, image and its
    rendition) fetched in a few queries for the whole list rather than a few per card."""
    cases = list(cases)
    if not cases:
        return cases
    regions = {
        region.path: region
        for region in RegionalSectionPage.objects.filter(
            path__in={ancestor_path(c.path, REGION_DEPTH) for c in cases}
        )
    }
    cities = {
        city.path: city
        for city in MemberCityPage.objects.filter(
            path__in={ancestor_path(c.path, CITY_DEPTH) for c in cases}
        )
    }
    image_ids = {case.image_id for case in cases if case.image_id}
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*CARD_RENDITIONS)
        if image_ids
        else []
    )
    images = {image.pk: image for image in images}
    for case in cases:
        # The cards read these cached properties; filling them spares a query per card.
        case.__dict__["region"] = regions.get(ancestor_path(case.path, REGION_DEPTH))
        case.__dict__["lead_city"] = cities.get(ancestor_path(case.path, CITY_DEPTH))
        if case.image_id in images:
            case.image = images[case.image_id]
    return cases
