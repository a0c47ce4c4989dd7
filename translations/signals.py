"""Signal handlers that keep translations fresh; wired in TranslationsConfig.ready().

A failure here is logged, not raised: publishing the original must not fail because one of its
translations could not follow. The next publication, or "Sync translation", catches up.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import DraftStateMixin
from wagtail.signals import page_published, published
from wagtail_localize.models import TranslationLog

from translations import freshness, notifications

logger = logging.getLogger(__name__)


def _safely(action, *args):
    try:
        # A savepoint, so that a failure leaves the surrounding transaction usable.
        with transaction.atomic():
            action(*args)
    except Exception:  # noqa: BLE001 - see the module docstring
        logger.exception("Could not keep translations in step with %r.", args[0])


@receiver(page_published)
def page_was_published(sender, instance, revision=None, **kwargs):
    # Only published content reaches translations: an original's drafts stay where they are.
    _safely(freshness.original_changed, instance, instance.last_published_at or timezone.now())
    _safely(freshness.translation_published, instance, revision)
    # After the original's translations were marked outdated, so that the emails can say so.
    _safely(notifications.original_published, instance)


@receiver(published)
def draftable_snippet_was_published(sender, instance, revision=None, **kwargs):
    if freshness.is_translatable_snippet(instance):
        _safely(freshness.original_changed, instance, timezone.now())
        _safely(freshness.translation_published, instance, revision)


@receiver(post_save)
def snippet_was_saved(sender, instance, raw=False, **kwargs):
    """Snippets without drafts are live as soon as they are saved."""
    # Fires on every save of every model: return early unless it is a translatable snippet.
    if raw or isinstance(instance, DraftStateMixin):
        return
    if freshness.is_translatable_snippet(instance):
        _safely(freshness.original_changed, instance, timezone.now())


@receiver(post_save, sender=TranslationLog)
def translation_was_synced(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _safely(freshness.translation_synced, instance)
