"""Translating demo content through wagtail-localize, the way an editor does it in the admin:
submit the object for translation, fill in its segments, then publish the translation."""

import html

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from demo.text import pairs, squash


def translate(instance, locale: Locale, strings: dict[str, str], user=None):
    """Create (or leave alone) the translation of `instance` into `locale`.

    `strings` maps source texts to their translations; segments without one keep the source text,
    as wagtail-localize does for untranslated segments. Returns the translated instance.
    """
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    TranslationCreator(user, [locale]).create_translations(instance, include_related_objects=False)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.get(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        # A plain-text field's line breaks are stored as <br/>.
        text = html.unescape(segment.string.data.replace("<br/>", "\n"))
        target = strings.get(squash(text)) or strings.get(text)
        if target:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": StringValue.from_plaintext(target).data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)


def text_pairs(texts: list[dict | None], source: str, target: str) -> dict[str, str]:
    """Source → target strings for each of several translated texts (see `demo.text.pairs`)."""
    result = {}
    for text in texts:
        result.update(pairs(text, source, target))
    return result


def translate_everywhere(instance, texts: list[dict | None], locales: dict[str, Locale], user):
    """Translate `instance` into every other working language given in `texts`. A page's slug
    follows its translated title (translations.slugs), as it does for an editor."""
    source = instance.locale.language_code
    for code, locale in locales.items():
        if code == source or not any(text and code in text for text in texts):
            continue
        translate(instance, locale, text_pairs(texts, source, code), user)
