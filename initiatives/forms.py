from django.apps import apps
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.locales import default_locale, locale_by_id


def default_language_pages(cities):
    """Each city as its default-language page, where it has one, once each: partner cities are
    stored so, whatever language a case study is edited in, and are synchronised unchanged to its
    translations (a city without such a page is kept as chosen; queries compare translation keys)."""
    member_city = apps.get_model("cities", "MemberCityPage")
    cities = list(cities)
    canonical = {
        city.translation_key: city
        for city in member_city.objects.filter(
            locale=default_locale(), translation_key__in=[city.translation_key for city in cities]
        )
    }
    chosen = {}
    for city in cities:
        page = canonical.get(city.translation_key, city)
        chosen.setdefault(page.pk, page)
    return list(chosen.values())


class CaseStudyForm(WagtailAdminPageForm):
    """The case study's edit form. A case study cannot name its own city as a partner: the city
    page already lists it, and the search counts a city's case studies as those under it plus
    those naming it (search/faceting.py), which must not count one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("partner_cities")
        if field is None:
            return
        # The chooser offers the cities in the case study's own language; any member city is
        # accepted and stored as its default-language page (clean_partner_cities).
        field.queryset = apps.get_model("cities", "MemberCityPage").objects.all()
        locale_id = self.instance.locale_id or (self.parent_page and self.parent_page.locale_id)
        if locale_id and hasattr(field.widget, "locale"):
            field.widget.locale = locale_by_id(locale_id)

    def clean_partner_cities(self):
        return default_language_pages(self.cleaned_data.get("partner_cities") or [])

    def clean(self):
        cleaned_data = super().clean()
        member_city = apps.get_model("cities", "MemberCityPage")  # cities' models import this app's
        city = self.parent_page.specific if self.parent_page else None
        partners = cleaned_data.get("partner_cities") or []
        # Partners may be any language's pages: compare translations.
        if isinstance(city, member_city) and any(
            partner.translation_key == city.translation_key for partner in partners
        ):
            self.add_error(
                "partner_cities",
                _("%(city)s is this case study's own city, so it cannot also be a partner city.")
                % {"city": city.title},
            )
        return cleaned_data
