"""Keeping translations in step with their original.

When an original is published (a page) or saved (a snippet that has no drafts):

1. its wagtail-localize `TranslationSource` is updated from the database, so translators see the
   new text in the editor without anyone pressing "Sync translated pages";
2. each translation takes the original's synchronized values (facts: dates, status, taxonomy,
   images, documents, partner cities, coordinates…) straight away, on its live version;
3. if the text changed, each translation is recorded as outdated (`OutdatedTranslation`) until a
   sync that includes the new text goes live.

docs/translation.md explains why facts skip review while text waits for it.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import (
    SegmentOverride,
    Translation,
    TranslationLog,
    TranslationSource,
)

from translations.models import OutdatedTranslation

FOLLOW_ORIGINAL_ACTION = "translations.follow_original"

# Inside a StreamField, these blocks hold facts rather than text: they follow the original.
FACT_BLOCKS = (blocks.ChooserBlock, blocks.URLBlock, blocks.EmailBlock, EmbedBlock)


# Lookups ---------------------------------------------------------------------------------------


def source_of(instance) -> TranslationSource | None:
    """The wagtail-localize source extracted from `instance`, if it is an original."""
    return TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()


def translation_of(instance) -> Translation | None:
    """The enabled wagtail-localize translation that produces `instance` from its original."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source__locale", "target_locale")
        .first()
    )


def outdated_record(instance) -> OutdatedTranslation | None:
    """The record saying `instance` is an outdated translation, if it is one."""
    return (
        OutdatedTranslation.objects.filter(
            translation__source__object_id=instance.translation_key,
            translation__target_locale_id=instance.locale_id,
            translation__enabled=True,
        )
        .select_related("translation__source__locale", "translation__target_locale")
        .first()
    )


# The original changed -----------------------------------------------------------------------------


def original_changed(instance, changed_at) -> None:
    """Bring the translations of `instance` along after it was published or saved."""
    if getattr(instance, "alias_of_id", None):
        return
    source = source_of(instance)
    if source is None:
        return
    translations = list(source.translations.filter(enabled=True).select_related("target_locale"))
    if not translations:
        return
    before = text_signature(source)
    source.update_from_db()
    text_changed = text_signature(source) != before
    for translation in translations:
        follow_original(translation)
        if text_changed:
            OutdatedTranslation.objects.update_or_create(
                translation=translation, defaults={"original_updated_at": changed_at}
            )


def text_signature(source: TranslationSource) -> tuple:
    """What a translator has to translate in `source`: its strings, their order and structure,
    linked translatable objects and the addresses of links inside text."""
    return (
        list(
            source.stringsegment_set.order_by("order").values_list(
                "order", "string_id", "context_id"
            )
        ),
        list(
            source.templatesegment_set.order_by("order").values_list(
                "order", "template_id", "context_id"
            )
        ),
        list(
            source.relatedobjectsegment_set.order_by("order").values_list(
                "order", "object_id", "context_id"
            )
        ),
        # Links inside rich text are the only overridable segments with a quoted path component.
        sorted(
            source.overridablesegment_set.filter(context__path__contains="'").values_list(
                "context_id", "data_json"
            )
        ),
    )


# Synchronized values follow the original ---------------------------------------------------------


def follow_original(translation: Translation) -> list[str]:
    """Give the translation its original's synchronized values, on its live version.

    Values a translator overrode for this language are kept. Returns the names of the fields that
    changed; the change is written to the page's history.
    """
    try:
        original = translation.source.get_source_instance()
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return []
    overridden = set(
        SegmentOverride.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=translation.source.object_id,
        ).values_list("context__path", flat=True)
    )
    changed, changed_m2m = copy_synchronized_values(original, target, overridden)
    if changed:
        if isinstance(target, Page):
            # Only facts change, from an original that was validated when it was published.
            target.save(update_fields=changed, clean=False)
        else:
            target.save(update_fields=changed)
    for name, values in changed_m2m.items():
        getattr(target, name).set(values)
    fields = changed + list(changed_m2m)
    if fields:
        log(
            instance=target,
            action=FOLLOW_ORIGINAL_ACTION,
            data={"fields": fields, "original_locale": translation.source.locale.language_code},
            content_changed=True,
        )
    return fields


def copy_synchronized_values(original, target, overridden: set[str]) -> tuple[list, dict]:
    """Set the original's synchronized values on `target` (unsaved).

    Returns the names of the fields that changed, and, apart, plain many-to-many values, which
    are set after saving.
    """
    changed, changed_m2m = [], {}
    for declared in get_translatable_fields(type(original)):
        name = declared.field_name
        field = type(target)._meta.get_field(name)
        if isinstance(field, StreamField) and not isinstance(declared, SynchronizedField):
            before = field.get_prep_value(getattr(target, name))
            value = getattr(target, name)
            follow_stream(field.stream_block, getattr(original, name), value, name, overridden)
            if field.get_prep_value(value) != before:
                setattr(target, name, value)
                changed.append(name)
        elif not isinstance(declared, SynchronizedField) or name in overridden:
            continue
        elif isinstance(field, models.ManyToManyField):
            wanted = list(getattr(original, name).all())
            if {item.pk for item in wanted} != {item.pk for item in getattr(target, name).all()}:
                if isinstance(field, ParentalManyToManyField):
                    setattr(target, name, wanted)
                    changed.append(name)
                else:
                    changed_m2m[name] = wanted
        elif getattr(target, field.attname) != getattr(original, field.attname):
            setattr(target, field.attname, getattr(original, field.attname))
            changed.append(name)
    return changed, changed_m2m


def follow_stream(block, original_value, target_value, path: str, overridden: set[str]):
    """Copy the facts (images, documents, pages, links, embeds) of the original's stream into the
    translation's, block by block. wagtail-localize keeps block ids across languages; blocks that
    exist on one side only are left to the next sync."""
    if isinstance(block, ImageBlock) or is_translatable_chooser(block):
        # wagtail-localize translates these (alt text, a snippet in the visitor's language).
        return target_value
    if isinstance(block, FACT_BLOCKS):
        return target_value if path in overridden else original_value
    if isinstance(block, blocks.StreamBlock):
        originals = {child.id: child.value for child in original_value}
        for child in target_value:
            if child.id in originals:
                child.value = follow_stream(
                    child.block, originals[child.id], child.value, f"{path}.{child.id}", overridden
                )
    elif isinstance(block, blocks.ListBlock):
        originals = {child.id: child.value for child in original_value.bound_blocks}
        for child in target_value.bound_blocks:
            if child.id in originals:
                child.value = follow_stream(
                    block.child_block,
                    originals[child.id],
                    child.value,
                    f"{path}.{child.id}",
                    overridden,
                )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            target_value[name] = follow_stream(
                child_block,
                original_value.get(name),
                target_value.get(name),
                f"{path}.{name}",
                overridden,
            )
    return target_value


def is_translatable_chooser(block) -> bool:
    if not isinstance(block, blocks.ChooserBlock):
        return False
    model = block.target_model  # resolved lazily: choosers may name their model as a string
    return (
        isinstance(model, type)
        and issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
    )


# A translation was published or saved -------------------------------------------------------------


def translation_published(instance, revision=None) -> None:
    """Keep a newly published translation's facts current and clear its outdated flag if what
    went live is a sync made after the original last changed."""
    translation = translation_of(instance)
    if translation is None:
        return
    # An older draft (or a reverted revision) may carry the facts of its day.
    follow_original(translation)
    clear_if_synced(translation, revision)


def clear_if_synced(translation: Translation, revision=None) -> bool:
    """Delete the outdated record if a sync made since the original changed is now live.

    For objects with drafts, `revision` is the revision that went live and must be the one a sync
    produced; objects without drafts are live as soon as they are synced.
    """
    record = OutdatedTranslation.objects.filter(translation=translation).first()
    if record is None:
        return False
    syncs = TranslationLog.objects.filter(
        source_id=translation.source_id,
        locale_id=translation.target_locale_id,
        created_at__gte=record.original_updated_at,
    )
    if revision is not None:
        syncs = syncs.filter(revision=revision)
    if not syncs.exists():
        return False
    record.delete()
    return True


def translation_synced(log_entry: TranslationLog) -> None:
    """A sync of an object without drafts is live at once: clear its outdated flag."""
    model = log_entry.source.specific_content_type.model_class()
    if model is None or issubclass(model, DraftStateMixin):
        return
    translation = Translation.objects.filter(
        source_id=log_entry.source_id, target_locale_id=log_entry.locale_id, enabled=True
    ).first()
    if translation is not None:
        clear_if_synced(translation)


def is_translatable_snippet(instance) -> bool:
    return isinstance(instance, TranslatableMixin) and not isinstance(instance, Page)
