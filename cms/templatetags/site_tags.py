"""Small template components shared by every page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Site

from core.text import first_text
from core.visibility import visible
from initiatives import queries

register = template.Library()


def live_translations(page):
    """The page in every language where a visitor may see a translation, itself included. Read
    once per page: the language switcher and the hreflang links both ask."""
    if page is None or not getattr(page, "pk", None):
        return []
    if "_live_translations" not in page.__dict__:
        page.__dict__["_live_translations"] = _live_translations(page)
    return page.__dict__["_live_translations"]


def _live_translations(page):
    translations = visible(page.get_translations(inclusive=True)).select_related("locale")
    by_code = {translation.locale.language_code: translation for translation in translations}
    result = []
    for code, _name in settings.LANGUAGES:
        if code in by_code:
            info = get_language_info(code)
            result.append(
                {
                    "code": code,
                    "name": info["name_local"],
                    "page": by_code[code],
                    "bidi": info["bidi"],
                }
            )
    return result


def view_translations(request):
    """For pages that are views rather than Wagtail pages (search): the same address in each language."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(request.path, code) + query,
        }
        for code, _name in settings.LANGUAGES
    ]


def homes_by_language(request) -> dict:
    """The site's live home page in each language, by language code."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = visible(site.root_page.get_translations(inclusive=True)).select_related("locale")
    return {home.locale.language_code: home for home in homes}


def switcher_links(request, page) -> list[dict]:
    """One link per language, always: the page's live translation where it has one, else that
    language's home page, flagged so that the switcher can say the page is not translated."""
    translations = {t["code"]: t for t in live_translations(page)}
    homes = None
    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            links.append({**translations[code], "url": translations[code]["page"].url})
            continue
        if homes is None:
            homes = homes_by_language(request)
        info = get_language_info(code)
        home = homes.get(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": home.get_url(request) if home else f"/{code}/",
                "to_home": True,
            }
        )
    return links


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Always present, so that a visitor can reach every language from every page."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    # Without a page, Wagtail's own view is answering "not found": no address to translate.
    if page or match is None or match.url_name == "wagtail_serve":
        translations = switcher_links(request, page)
    else:
        translations = view_translations(request)
    return {
        "translations": translations,
        "current": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "request": request,
    }


@register.inclusion_tag("components/hreflangs.html", takes_context=True)
def hreflangs(context, page=None):
    request = context["request"]
    translations = live_translations(page)
    default = next((t for t in translations if t["code"] == settings.LANGUAGE_CODE), None)
    return {"translations": translations, "default": default, "request": request}


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(page):
    # Titles and addresses only: the base Page has both, without a query per page type.
    ancestors = page.get_ancestors().filter(depth__gt=1) if page else []
    return {"ancestors": ancestors, "page": page}


@register.filter
def language_name(code):
    return get_language_info(code)["name_local"]


@register.filter
def paragraphs(text):
    """Split plain text into paragraphs on blank lines."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


@register.simple_tag
def meta_description(page):
    """The page's own description, else its summary or introduction, as plain text (a search
    result prefers the summary: search.query.description_of)."""
    return first_text(page, ("search_description", "summary", "introduction"))


@register.simple_tag
def social_image(page):
    return getattr(page, "image", None) or getattr(page, "hero_image", None)


@register.filter
def verbose_name(model):
    return model._meta.verbose_name


@register.simple_tag(takes_context=True)
def page_links(context, page_obj, on_each_side=2):
    """The links of a numbered pagination: first, previous, a window of page numbers around the
    current one (None marks a gap), next and last. Each keeps the rest of the query string
    (search words, filters, sort) and changes only `page`."""
    request = context["request"]
    paginator = page_obj.paginator

    def url(number):
        query = request.GET.copy()
        query.pop("page", None)
        if number > 1:
            query["page"] = number
        return f"?{query.urlencode()}" if query else request.path

    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=0)
    last = paginator.num_pages
    return {
        "first": url(1) if page_obj.number > 1 else None,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "numbers": [
            {"number": n, "url": url(n), "current": n == page_obj.number}
            if n != paginator.ELLIPSIS
            else None
            for n in numbers
        ],
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "last": url(last) if page_obj.number < last else None,
    }


@register.filter
def with_card_details(cases):
    """A listing of case studies, with what their cards show fetched once for the whole list."""
    return queries.with_card_details(cases)
