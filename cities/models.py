"""The association's geography: four regional sections, each holding its member cities' microsites."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.published import CachedContent
from core.rich_text import PROSE_FEATURES
from core.translation_fields import PAGE_FIELDS
from core.visibility import visible


class ContactDetails(models.Model):
    """The person a visitor writes to about a regional section or a member city: their name and
    email address, the same in every language, and their role, translated."""

    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=160, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    contact_panels = [
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
        FieldPanel("contact_email"),
    ]
    contact_translatable_fields = [
        TranslatableField("contact_role"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
    ]
    contact_api_fields = [
        APIField("contact_name"),
        APIField("contact_role"),
        APIField("contact_email"),
    ]

    class Meta:
        abstract = True


class RegionalSectionPage(CachedContent, ContactDetails, Page):  # noqa: DJ008 - Page.__str__ is the title
    """One of the four regional sections; its children are the member cities of the region."""

    introduction = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)
    secretariat_city = models.CharField(_("regional secretariat city"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("secretariat_city"),
                *ContactDetails.contact_panels,
                FieldPanel("contact_phone"),
            ],
            heading=_("Regional secretariat"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("introduction"),
        TranslatableField("secretariat_city"),
        *ContactDetails.contact_translatable_fields,
        SynchronizedField("contact_phone"),
    ]
    api_fields = [
        APIField("introduction"),
        APIField("secretariat_city"),
        *ContactDetails.contact_api_fields,
        APIField("contact_phone"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "cities.MemberCityPage",
        "initiatives.InitiativePage",
        "initiatives.SolutionPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("regional section")
        verbose_name_plural = _("regional sections")

    @cached_property
    def member_cities(self):
        return visible(MemberCityPage.objects.child_of(self)).order_by("title")


class MemberCityPage(CachedContent, ContactDetails, Page):  # noqa: DJ008 - Page.__str__ is the title
    """A member government's microsite. Its subtree holds the city's own pages."""

    official_name = models.CharField(_("official name"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2, for example ES"),
    )
    government_name = models.CharField(_("metropolitan government"), max_length=200)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Fetched with the page when it is served (core/routing.py).
    served_with = ("hero_image", "logo")
    introduction = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1985), MaxValueValidator(2100)],
        help_text=_("The year the government joined Metropolis."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("official_name"),
                FieldPanel("government_name"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("country_code")]),
                FieldRowPanel([FieldPanel("population"), FieldPanel("member_since")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
            ],
            heading=_("Member government"),
        ),
        FieldRowPanel([FieldPanel("logo"), FieldPanel("hero_image")], heading=_("Images")),
        FieldPanel("introduction"),
        MultiFieldPanel(ContactDetails.contact_panels, heading=_("Contact")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("official_name"),
        index.SearchField("government_name"),
        index.SearchField("country"),
        index.SearchField("introduction"),
        index.AutocompleteField("official_name"),
    ]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("country"),
        TranslatableField("government_name"),
        TranslatableField("introduction"),
        *ContactDetails.contact_translatable_fields,
        # The legal name, written in the government's own language in every translation.
        SynchronizedField("official_name"),
        SynchronizedField("country_code"),
        SynchronizedField("population"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("hero_image"),
        SynchronizedField("member_since"),
    ]
    api_fields = [
        APIField("official_name"),
        APIField("country"),
        APIField("country_code"),
        APIField("government_name"),
        APIField("population"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("website"),
        APIField("introduction"),
        *ContactDetails.contact_api_fields,
        APIField("member_since"),
        APIField("logo"),
        APIField("hero_image"),
    ]
    parent_page_types = ["cities.RegionalSectionPage"]
    subpage_types = ["initiatives.InitiativePage", "initiatives.SolutionPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("member city")
        verbose_name_plural = _("member cities")

    @cached_property
    def region(self):
        return RegionalSectionPage.objects.ancestor_of(self).first()
