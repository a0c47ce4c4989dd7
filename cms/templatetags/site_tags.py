"""Small template components shared by every page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import strip_tags
from django.utils.translation import get_language_info

register = template.Library()


def live_translations(page):
    """The page in every language where it has a live translation, itself included."""
    if page is None or not getattr(page, "pk", None):
        return []
    translations = page.get_translations(inclusive=True).live().select_related("locale")
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


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    request = context["request"]
    return {
        "translations": live_translations(page) if page else view_translations(request),
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
    ancestors = page.get_ancestors().filter(depth__gt=1).specific() if page else []
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
    """The page's own description, else its summary or introduction, as plain text."""
    for name in ("search_description", "summary", "introduction"):
        value = strip_tags(str(getattr(page, name, "") or "")).strip()
        if value:
            return " ".join(value.split())
    return ""


@register.simple_tag
def social_image(page):
    return getattr(page, "image", None) or getattr(page, "hero_image", None)


@register.filter
def verbose_name(model):
    return model._meta.verbose_name
