from django import template

from initiatives.listings import PlaceCaseStudies

register = template.Library()


@register.simple_tag
def place_case_studies(place):
    """`{% place_case_studies page as listing %}`: a region's or city's case studies."""
    return PlaceCaseStudies(place)
