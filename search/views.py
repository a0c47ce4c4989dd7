"""The public search page of each language."""

import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def normalise_query(raw: str) -> str:
    """Words only, lower-cased: visitors type phrases, not engine syntax, and operators such as
    AND, quotes or brackets must never reach an engine's query parser."""
    return " ".join(re.findall(r"\w+", raw.lower()))[:MAX_QUERY_LENGTH]


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = normalise_query(query)
    results = Page.objects.none()
    if terms:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(terms)
        )
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "base_url": "?" + urlencode({"q": query})},
    )
