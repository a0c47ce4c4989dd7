"""A translated page gets its own slug, made from its translated title, unless the translator sets one.

wagtail-localize treats a page's slug as one more string to translate: until someone translates
it, the translation keeps its original's slug, and French and Spanish addresses stay in English.
So when a page's title is translated (in the editor, from a PO file, by a machine translator or by
the demo loader), its slug is translated too, from that title: "Barcelone" gives "barcelone". It is
an ordinary translation of the slug segment, which the translator sees and can change in the
editor; wagtail-localize writes it to the page when the translation is saved, and keeps it unique
among the page's siblings.

A slug the translator set is never replaced, nor is a language's home page's. A slug made here follows later changes of the title
while the translation is not live; once it is, its address stays put.

Wired in TranslationsConfig.ready().
"""

import re

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationContext
from wagtail_localize.strings import StringValue

MAX_LENGTH = 80

# French and Italian elisions ("d'administration", "l'eau") become separate words in an address
# ("conseil-d-administration") rather than one made-up word ("conseil-dadministration").
ELISION = re.compile(r"\b([cdjlmnst]|qu)['’](?=\w)", re.IGNORECASE)


def slug_from_title(title: str) -> str:
    """The slug a page titled `title` gets: lowercase words joined by hyphens, at most 80
    characters, cut between words. Empty when nothing is left (a title in another script while
    WAGTAIL_ALLOW_UNICODE_SLUGS is off)."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug = slugify(ELISION.sub(r"\1 ", title), allow_unicode=allow_unicode)
    if len(slug) > MAX_LENGTH:
        slug = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def is_copied_slug(slug: str, original_slug: str) -> bool:
    """Whether `slug` is the original's, as wagtail-localize copies it ("-1", "-2"... when taken)."""
    return (
        slug == original_slug or re.fullmatch(rf"{re.escape(original_slug)}-\d+", slug) is not None
    )


def text_of(translation: StringTranslation | None) -> str:
    return StringValue(translation.data).render_text() if translation else ""


@receiver(pre_save, sender=StringTranslation)
def remember_previous_title(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance.previous_data = (
        StringTranslation.objects.filter(pk=instance.pk).values_list("data", flat=True).first()
    )


@receiver(post_save, sender=StringTranslation)
def title_was_translated(sender, instance, raw=False, **kwargs):
    if raw or instance.context_id is None or instance.context.path != "title":
        return
    slug_context = TranslationContext.objects.filter(
        object_id=instance.context.object_id, path="slug"
    ).first()
    segment = (
        StringSegment.objects.filter(context=slug_context)
        .order_by("source__last_updated_at")
        .select_related("string")
        .last()
        if slug_context
        else None
    )
    if segment is None:
        return  # Not a page: snippets have no translated slug.
    if Page.objects.filter(translation_key=slug_context.object_id, depth__lte=2).exists():
        return  # A language's home page: its address is the language prefix, /fr/ or /es/.
    title = text_of(instance)
    if title == StringValue(instance.translation_of.data).render_text():
        return  # The title is the same in both languages: so is the slug.
    original_slug = segment.string.data
    page = Page.objects.filter(
        translation_key=slug_context.object_id, locale_id=instance.locale_id
    ).first()
    current = StringTranslation.objects.filter(
        translation_of=segment.string, locale_id=instance.locale_id, context=slug_context
    ).first()
    if current is None:
        if page is not None and not is_copied_slug(page.slug, original_slug):
            return  # Someone gave this translation its own slug already.
    else:
        previous_title = StringValue(getattr(instance, "previous_data", None) or "").render_text()
        made_here = previous_title and text_of(current) == slug_from_title(previous_title)
        if not made_here or previous_title == title or (page is not None and page.live):
            return
    slug = slug_from_title(title)
    if not slug:
        return
    if page is not None:
        slug = find_available_slug(page.get_parent(), slug, ignore_page_id=page.pk)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale_id=instance.locale_id,
        context=slug_context,
        defaults={
            "data": StringValue.from_plaintext(slug).data,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "last_translated_by": instance.last_translated_by,
            "has_error": False,
            "field_error": "",
        },
    )
