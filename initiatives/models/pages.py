from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.locales import locale_by_id
from core.rich_text import PROSE_FEATURES
from core.translation_fields import PAGE_FIELDS

from .base import CaseStudyPage


class InitiativePage(CaseStudyPage):
    """A project a member government leads, alone or with partner cities."""

    case_type = "initiative"
    case_type_label = _("Initiative")
    template = "initiatives/case_study_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("results"), FieldPanel("key_figures")], heading=_("Results")),
        *CaseStudyPage.taxonomy_panels,
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")


class SolutionPage(CaseStudyPage):
    """A shared solution, written so that another city can replicate it."""

    problem = RichTextField(_("the problem"), features=PROSE_FEATURES)
    solution = RichTextField(_("the solution"), features=PROSE_FEATURES)
    lessons = RichTextField(_("lessons learned"), features=PROSE_FEATURES, blank=True)
    transfer_conditions = RichTextField(
        _("conditions for transfer"), features=PROSE_FEATURES, blank=True
    )
    transfer_cost = RichTextField(_("cost of transfer"), features=PROSE_FEATURES, blank=True)
    transfer_timeline = RichTextField(_("timeline"), features=PROSE_FEATURES, blank=True)

    case_type = "solution"
    case_type_label = _("Shared solution")
    template = "initiatives/case_study_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        MultiFieldPanel([FieldPanel("results"), FieldPanel("key_figures")], heading=_("Results")),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldPanel("transfer_conditions"),
                FieldPanel("transfer_cost"),
                FieldPanel("transfer_timeline"),
            ],
            heading=_("How to transfer it"),
        ),
        FieldPanel("body"),
        *CaseStudyPage.taxonomy_panels,
    ]

    search_fields = [
        *CaseStudyPage.search_fields,
        index.SearchField("problem"),
        index.SearchField("solution"),
        index.SearchField("lessons"),
    ]
    translatable_fields = [
        *CaseStudyPage.translatable_fields,
        TranslatableField("problem"),
        TranslatableField("solution"),
        TranslatableField("lessons"),
        TranslatableField("transfer_conditions"),
        TranslatableField("transfer_cost"),
        TranslatableField("transfer_timeline"),
    ]
    api_fields = [
        *CaseStudyPage.api_fields,
        APIField("problem"),
        APIField("solution"),
        APIField("lessons"),
        APIField("transfer_conditions"),
        APIField("transfer_cost"),
        APIField("transfer_timeline"),
    ]

    class Meta:
        verbose_name = _("shared solution")
        verbose_name_plural = _("shared solutions")

    @property
    def transfer_sections(self):
        return [
            (_("Conditions"), self.transfer_conditions),
            (_("Cost"), self.transfer_cost),
            (_("Timeline"), self.transfer_timeline),
        ]


class CaseLibraryPage(Page):
    """Every initiative and solution of one locale, with combinable filters and pagination."""

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("case studies per page"), default=12)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("introduction"),
        SynchronizedField("per_page"),
    ]
    api_fields = [APIField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case library")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the filters are built on these models (initiatives/filters.py imports
        # this package), and the case library is the one page that runs them.
        from initiatives.filters import CaseStudyFilter

        context = super().get_context(request, *args, **kwargs)
        case_filter = CaseStudyFilter(request.GET, locale=locale_by_id(self.locale_id))
        context["case_filter"] = case_filter
        context["page_obj"] = case_filter.paginate(request.GET.get("page"), per_page=self.per_page)
        return context
