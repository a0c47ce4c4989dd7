from wagtail import hooks
from wagtail.models import Locale

from initiatives.widgets import CITY_TYPE


@hooks.register("construct_page_chooser_queryset")
def keep_partner_city_search_in_its_language(pages, request):
    """The page chooser's search looks in every language; the partner-city chooser asks for member
    cities in the case study's language (`locale`), which its browse view already keeps to."""
    code = request.GET.get("locale")
    if code and request.GET.get("page_type") == CITY_TYPE:
        # By id: the search backends filter on the indexed `locale` field, not across the relation.
        locale = Locale.objects.filter(language_code=code).first()
        pages = pages.filter(locale=locale) if locale else pages.none()
    return pages
