"""The association's portal and its organisation pages."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from cities.models import MemberCityPage, RegionalSectionPage
from core.blocks import BodyBlock
from core.published import CachedContent
from core.rich_text import INLINE_FEATURES
from core.routing import DirectRouting
from core.translation_fields import PAGE_FIELDS
from core.visibility import private_sections_q, visible
from initiatives.models import CaseStudyPage, InitiativePage, SolutionPage
from initiatives.queries import live_case_studies


class HomePage(DirectRouting, Page):
    """The portal of one locale: introduction, featured and latest case studies, regions, figures."""

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    introduction = RichTextField(_("introduction"), features=INLINE_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("tagline"),
        TranslatableField("introduction"),
    ]
    api_fields = [APIField("tagline"), APIField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cities.RegionalSectionPage",
        "initiatives.CaseLibraryPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Everything here is lazy: the template keeps what it renders of these in the cache for
        the current generation of the published site (core/published.py), so that a request
        reads none of it while nothing has been published."""
        context = super().get_context(request, *args, **kwargs)
        case_studies = live_case_studies(self.locale)
        private = private_sections_q()
        mine = {"locale": self.locale}
        featured_ids = visible(
            CaseStudyPage.objects.filter(featured=True, **mine), private
        ).values_list("pk", flat=True)
        context.update(
            featured=case_studies.filter(pk__in=featured_ids).specific()[:6],
            latest_solutions=visible(SolutionPage.objects.filter(**mine), private).order_by(
                "-first_published_at"
            )[:4],
            regions=visible(RegionalSectionPage.objects.child_of(self), private).order_by("path"),
            figures=SimpleLazyObject(lambda: self.figures(private)),
        )
        return context

    def figures(self, private=None) -> dict[str, int]:
        """The association in numbers, in this home page's language."""
        mine = {"locale": self.locale}
        return {
            "members": visible(MemberCityPage.objects.filter(**mine), private).count(),
            "initiatives": visible(InitiativePage.objects.filter(**mine), private).count(),
            "solutions": visible(SolutionPage.objects.filter(**mine), private).count(),
            "languages": Locale.objects.count(),
        }


class StandardPage(CachedContent, Page):
    """Organisation pages (About, General Assembly, Secretariat…) and a city's own pages."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("introduction"),
        TranslatableField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]
    parent_page_types = [
        "home.HomePage",
        "home.StandardPage",
        "cities.RegionalSectionPage",
        "cities.MemberCityPage",
    ]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
