"""What initiatives and shared solutions have in common: one page type with its own table, of which
InitiativePage and SolutionPage are the children (as every page is a child of Page). The two never
drift apart, and a listing, count or facet over every case study is one query on one table."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cities.models import MemberCityPage, RegionalSectionPage
from core.blocks import BodyBlock, ContactBlock, KeyFigureBlock, ResourceListBlock
from core.published import CachedContent
from core.rich_text import PROSE_FEATURES
from core.translation_fields import PAGE_FIELDS
from core.tree import ancestor_paths
from core.visibility import visible
from initiatives.forms import CaseStudyForm
from initiatives.serializers import TaxonomySerializer
from initiatives.widgets import PartnerCitiesChooser

from .taxonomy import SustainableDevelopmentGoal, Theme, default_locale_only

SUMMARY_MAX_WORDS = 250


def validate_summary_length(value: str) -> None:
    words = len(value.split())
    if words > SUMMARY_MAX_WORDS:
        raise ValidationError(
            ngettext(
                "Keep the summary to %(limit)d words or fewer; it has %(count)d word.",
                "Keep the summary to %(limit)d words or fewer; it has %(count)d words.",
                words,
            )
            % {"limit": SUMMARY_MAX_WORDS, "count": words}
        )


class CaseStudyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


def summary_help_text() -> str:
    # Interpolated when shown, not at import: `%` on a lazy string would translate it once, in the
    # default language, and every editor would read the help text in English.
    return gettext("What it is, where, and what it achieved, in %(limit)d words or fewer.") % {
        "limit": SUMMARY_MAX_WORDS
    }


class CaseStudyPage(CachedContent, Page):
    """A case study other cities can learn from: the base of InitiativePage and SolutionPage."""

    summary = models.TextField(
        _("summary"),
        validators=[validate_summary_length],
        help_text=lazy(summary_help_text, str)(),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    themes = ParentalManyToManyField(
        "initiatives.Theme",
        verbose_name=_("themes"),
        related_name="+",
        limit_choices_to=default_locale_only,
        blank=True,
    )
    sdgs = ParentalManyToManyField(
        "initiatives.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        related_name="+",
        limit_choices_to=default_locale_only,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStudyStatus.choices, default=CaseStudyStatus.ONGOING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO code, for example EUR or USD")
    )
    funding_sources = models.TextField(_("funding sources"), blank=True)
    partner_cities = ParentalManyToManyField(
        "cities.MemberCityPage",
        verbose_name=_("partner member cities"),
        related_name="+",
        limit_choices_to=default_locale_only,
        blank=True,
        help_text=_("The case study also appears on each partner city's page."),
    )
    partner_organisations = models.TextField(
        _("partner organisations"), blank=True, help_text=_("One organisation per line.")
    )
    results = RichTextField(_("results and impact"), features=PROSE_FEATURES, blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True
    )
    contacts = StreamField([("contact", ContactBlock())], verbose_name=_("contacts"), blank=True)
    resources = StreamField(
        [("resources", ResourceListBlock())], verbose_name=_("documents and links"), blank=True
    )
    featured = models.BooleanField(
        _("featured by the secretariat"),
        default=False,
        help_text=_("Featured case studies are shown on the home page."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Alt text belongs to the page, not the shared image, so that it is translated with the page.
    image_alt_text = models.CharField(
        _("image alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use the image's own description."
        ),
    )

    # Set on each child: the type's value in addresses and filters, and its badge on cards.
    # Fetched with the page when it is served (core/routing.py).
    served_with = ("image",)
    case_type = ""
    case_type_label = ""
    # Only its children are created; the shared table holds their common fields.
    is_creatable = False
    parent_page_types = ["cities.MemberCityPage", "cities.RegionalSectionPage"]
    subpage_types = []
    base_form_class = CaseStudyForm

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Themes and goals"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("currency")]),
                FieldPanel("funding_sources"),
            ],
            heading=_("Status, dates and funding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("partner_cities", widget=PartnerCitiesChooser()),
                FieldPanel("partner_organisations"),
            ],
            heading=_("Partners"),
        ),
        FieldPanel("contacts"),
        FieldPanel("resources"),
        FieldPanel("featured"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("results"),
        index.AutocompleteField("summary"),
        index.FilterField("status"),
        index.FilterField("featured"),
        index.FilterField("start_date"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("sdgs", [index.FilterField("number")]),
        # The facet values, as plain fields: the engine filters and counts a search's hits by them
        # (search/faceting.py) or returns them with the hits (search/ranking.py), so the search
        # page reads none of them from the database. The related fields above are nested
        # documents, which an engine can neither return with a hit nor count as cheaply.
        index.FilterField("theme_slugs"),
        index.FilterField("sdg_numbers"),
        index.FilterField("partner_city_keys"),
        index.FilterField("ancestor_paths"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        # Wagtail does not prefetch ParentalManyToManyFields (older django-modelcluster ignored
        # prefetched values). The installed one honours them, so a rebuild fetches every chunk's
        # themes, goals and partner cities in three queries instead of three per case study.
        partner_keys = MemberCityPage.objects.only("translation_key")
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                "themes", "sdgs", models.Prefetch("partner_cities", queryset=partner_keys)
            )
        )

    def theme_slugs(self) -> list[str]:
        return [theme.slug for theme in self.themes.all()]

    def sdg_numbers(self) -> list[int]:
        return [goal.number for goal in self.sdgs.all()]

    def partner_city_keys(self) -> list[str]:
        return [str(city.translation_key) for city in self.partner_cities.all()]

    def ancestor_paths(self) -> list[str]:
        """The tree paths of this page and its ancestors: its region and city are among them."""
        return ancestor_paths(self.path)

    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("image_alt_text"),
        TranslatableField("body"),
        TranslatableField("funding_sources"),
        TranslatableField("partner_organisations"),
        TranslatableField("results"),
        TranslatableField("key_figures"),
        TranslatableField("contacts"),
        TranslatableField("resources"),
        SynchronizedField("themes"),
        SynchronizedField("sdgs"),
        SynchronizedField("status"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("budget"),
        SynchronizedField("currency"),
        SynchronizedField("partner_cities"),
        SynchronizedField("featured"),
        SynchronizedField("image"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("case_type"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("budget"),
        APIField("currency"),
        APIField("funding_sources"),
        APIField("themes", serializer=TaxonomySerializer(field="slug")),
        APIField("sdgs", serializer=TaxonomySerializer(field="number")),
        APIField("partner_organisations"),
        APIField("results"),
        APIField("key_figures"),
        APIField("contacts"),
        APIField("body"),
        APIField("featured"),
        APIField("region_name"),
        APIField("city_name"),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @cached_property
    def lead_city(self):
        return MemberCityPage.objects.ancestor_of(self).first()

    @cached_property
    def region(self):
        return RegionalSectionPage.objects.ancestor_of(self).first()

    @property
    def city_name(self) -> str:
        return self.lead_city.title if self.lead_city else ""

    @property
    def region_name(self) -> str:
        return self.region.title if self.region else ""

    @property
    def partner_organisation_list(self) -> list[str]:
        return [line.strip() for line in self.partner_organisations.splitlines() if line.strip()]

    @property
    def key_figure_values(self):
        return [block.value for block in self.key_figures]

    def localized_themes(self):
        return Theme.localize_all(self.themes.all())

    def localized_sdgs(self):
        return SustainableDevelopmentGoal.localize_all(self.sdgs.all())

    def localized_partner_cities(self):
        """Partner cities in the visitor's language, where a live translation exists; never one a
        visitor may not see."""
        cities = [city.localized for city in self.partner_cities.all()]
        shown = set(
            visible().filter(pk__in=[city.pk for city in cities]).values_list("pk", flat=True)
        )
        return [city for city in cities if city.pk in shown]
