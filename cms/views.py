"""Site-wide views: robots.txt, sitemaps and the error pages."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap

from core.visibility import visible
from translations.views import redirect_for_unpublished_page


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_index(request):
    """Points crawlers at one sitemap per language."""
    locations = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            locations.append(request.build_absolute_uri(reverse("locale_sitemap")))
    template = loader.get_template("sitemap_index.xml")
    return HttpResponse(
        template.render({"sitemaps": locations}), content_type="application/xml; charset=utf-8"
    )


class LocaleSitemap(Sitemap):
    """The live pages of the active language's tree only."""

    def items(self):
        root = self.get_wagtail_site().root_page.localized
        return (
            visible(root.get_descendants(inclusive=True))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


@require_GET
def locale_sitemap(request):
    return sitemap(request, sitemaps={"pages": LocaleSitemap(request)})


def page_not_found(request, exception=None):
    # A page that exists in this language but is not live leads to its original, not a dead end.
    if response := redirect_for_unpublished_page(request):
        return response
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request):
    # Rendered without a request context: whatever failed may be what the context needs.
    template = loader.get_template("500.html")
    language = translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))
