from django.apps import apps
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class CaseStudyForm(WagtailAdminPageForm):
    """A case study cannot name its own city as a partner: the city page already lists it, and the
    search counts a city's case studies as those under it plus those naming it (search/faceting.py),
    which must not count one twice."""

    def clean(self):
        cleaned_data = super().clean()
        member_city = apps.get_model("cities", "MemberCityPage")  # cities' models import this app's
        city = self.parent_page.specific if self.parent_page else None
        partners = cleaned_data.get("partner_cities") or []
        # Partner cities are chosen among the default language's pages: compare translations.
        if isinstance(city, member_city) and any(
            partner.translation_key == city.translation_key for partner in partners
        ):
            self.add_error(
                "partner_cities",
                _("%(city)s is this case study's own city, so it cannot also be a partner city.")
                % {"city": city.title},
            )
        return cleaned_data
