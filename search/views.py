"""The public search page and its autocomplete, per language (/<lang>/search/)."""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from core.visibility import visible
from search import breaker
from search.bounded import bounded_autocomplete
from search.index import database_backend, language_backend
from search.query import SiteSearch, search_terms, sort_links

logger = logging.getLogger(__name__)
AUTOCOMPLETE_LIMIT = 8


@require_GET
def search(request):
    site_search = SiteSearch(request.GET, get_language())
    page_obj = site_search.page_of_hits(request.GET.get("page"))
    context = {
        "search": site_search,
        "search_query": site_search.query,
        "page_obj": page_obj,
        "case_filter": site_search.case_filter,
        "sort_links": sort_links(site_search),
        "base_url": site_search.case_filter.url_with(),
    }
    if site_search.query and not page_obj.paginator.count:
        context["suggestion"] = site_search.suggestion()
        context["popular_themes"] = site_search.popular_themes()
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    """Up to eight live pages of the visitor's language whose titles have a word starting like
    each word of the query, analysed as search analyses that language (search/analysis.py)."""
    language_code = get_language()
    terms = search_terms(request.GET.get("q", ""), language_code)
    if len(terms) < 2:
        return JsonResponse({"results": []})
    locale = Locale.objects.get(language_code=language_code)
    queryset = visible(Page.objects.filter(locale=locale))
    backend = language_backend(locale.language_code)
    try:
        pages = breaker.call(engine_autocomplete, backend, terms, queryset) if backend else None
    except Exception as error:  # noqa: BLE001 - the database answers while the engine is away
        logger.warning("Autocomplete engine unavailable: %s", error)
        pages = None
    if pages is None:
        pages = bounded_autocomplete(
            database_backend(language_code), terms, queryset, AUTOCOMPLETE_LIMIT
        )
    results = [
        {"title": page.title, "url": page.url, "type": page.specific_class._meta.verbose_name}
        for page in pages
    ]
    return JsonResponse({"results": results})


def engine_autocomplete(backend, terms, queryset) -> list:
    return list(backend.autocomplete(terms, queryset, operator="and")[:AUTOCOMPLETE_LIMIT])
