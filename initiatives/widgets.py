"""The partner-city chooser: the chosen cities as a list, and Wagtail's page chooser to add more.

A checkbox per member city grew with the membership and loaded every city with each edit form;
this widget reads only the chosen cities (and the small list of regions), whatever the number of
cities."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.admin.staticfiles import versioned_static
from wagtail.models import Locale, Page

from cities.models import MemberCityPage, RegionalSectionPage

CITY_TYPE = f"{MemberCityPage._meta.app_label}.{MemberCityPage._meta.model_name}"


def remove_label(city: str) -> str:
    """The remove button's accessible name; the script fills in a city chosen in the modal."""
    return gettext("Remove %(city)s") % {"city": city}


class PartnerCitiesChooser(forms.Widget):
    """Renders the chosen member cities in the case study's language (`locale`, set by the form),
    each with its region and a remove button, and opens the page chooser on member cities in that
    language, several at a time. Each city posts its id under the field's name, as a multiple
    select would; the form stores the default language's pages (initiatives/forms.py)."""

    template_name = "initiatives/widgets/partner_cities_chooser.html"
    locale: Locale | None = None
    _regions: list[tuple[int, str, str]] | None = None

    def value_from_datadict(self, data, files, name):
        return [value for value in data.getlist(name) if value]

    def value_omitted_from_data(self, data, files, name):
        # An empty list is posted as nothing at all: nothing posted means every city was removed.
        return False

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(getattr(item, "pk", item)) for item in value if item not in ("", None)]

    def chosen_cities(self, ids: list[str]) -> list[dict]:
        """The chosen cities, in the order posted: the id to post back unchanged, and the page
        shown (the city's page in `locale` where there is one) with its region's title."""
        ids = [int(pk) for pk in ids if str(pk).isdigit()]
        pages = MemberCityPage.objects.filter(pk__in=ids).only(
            "title", "draft_title", "path", "depth", "locale_id", "translation_key"
        )
        pages = {page.pk: page for page in pages}
        shown = dict(pages)
        elsewhere = [
            page.translation_key
            for page in pages.values()
            if self.locale is not None and page.locale_id != self.locale.pk
        ]
        if elsewhere:
            localized = MemberCityPage.objects.filter(
                translation_key__in=elsewhere, locale=self.locale
            ).only("title", "draft_title", "path", "depth", "locale_id", "translation_key")
            by_key = {page.translation_key: page for page in localized}
            shown = {pk: by_key.get(page.translation_key, page) for pk, page in pages.items()}
        # A member city's parent is its region: those of the case study's language are at hand.
        regions = {path: title for _pk, path, title in self.regions()}
        elsewhere = {page.path[: -Page.steplen] for page in shown.values()} - regions.keys()
        if elsewhere:
            regions.update(Page.objects.filter(path__in=elsewhere).values_list("path", "title"))
        cities = []
        for pk in dict.fromkeys(ids):  # in order, once each
            if pk not in shown:
                continue  # deleted since it was chosen
            page = shown[pk]
            title = page.get_admin_display_title()
            cities.append(
                {
                    "value": pk,
                    "page_id": page.pk,
                    "title": title,
                    "region": regions.get(page.path[: -Page.steplen], ""),
                    "remove_label": remove_label(title),
                }
            )
        return cities

    def regions(self) -> list[tuple[int, str, str]]:
        """Every region in the case study's language (id, tree path, title): a city chosen in the
        modal comes back with its parent's id, and a member city's parent is its region. Read once
        per form, though Wagtail renders the widget twice (the field, and its client-side copy)."""
        if self._regions is None:
            regions = RegionalSectionPage.objects.all()
            if self.locale is not None:
                regions = regions.filter(locale=self.locale)
            self._regions = list(regions.values_list("pk", "path", "title"))
        return self._regions

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["cities"] = self.chosen_cities(context["widget"]["value"])
        context["regions"] = {pk: title for pk, _path, title in self.regions()}
        context["regions_id"] = f"{context['widget']['attrs'].get('id', name)}-regions"
        context["chooser_url"] = reverse("wagtailadmin_choose_page")
        context["city_type"] = CITY_TYPE
        context["locale_code"] = self.locale.language_code if self.locale else ""
        context["remove_label_pattern"] = remove_label("__CITY__")
        return context

    @property
    def media(self):
        return forms.Media(
            js=[
                versioned_static("wagtailadmin/js/page-chooser-modal.js"),
                "initiatives/js/partner-cities-chooser.js",
            ],
            css={"all": ["initiatives/css/partner-cities-chooser.css"]},
        )
