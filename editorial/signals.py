"""Keep teams in step with the tree: a new city, region, locale root or translation gets its roles
at once, a moved city takes its collection along, and a renamed one renames its group.

A failure here is logged, not raised: publishing a page must not fail because of a team, and
`manage.py sync_roles` repairs whatever was missed.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Locale, Page
from wagtail.signals import page_published, post_page_move

logger = logging.getLogger(__name__)


def connect():
    post_save.connect(page_saved, dispatch_uid="editorial_page_saved")
    post_save.connect(locale_saved, sender=Locale, dispatch_uid="editorial_locale_saved")
    page_published.connect(page_was_published, dispatch_uid="editorial_page_published")
    post_page_move.connect(page_was_moved, dispatch_uid="editorial_page_moved")


def _safely(action, *args):
    from editorial import roles

    try:
        # A savepoint, so that a failure leaves the surrounding transaction usable.
        with transaction.atomic():
            action(roles, *args)
    except Exception:  # noqa: BLE001 - see the module docstring
        logger.exception("Editorial roles could not be updated; run `manage.py sync_roles`.")


def page_saved(sender, instance, created, raw=False, **kwargs):
    # Fires on every save of every model: return early unless a page was just created.
    if raw or not created or not isinstance(instance, Page):
        return
    _safely(lambda roles, page: roles.sync_page(page), instance)


def locale_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    _safely(lambda roles, locale: roles.sync_translators(locale), instance)


def page_was_published(sender, instance, **kwargs):
    from cities.models import MemberCityPage, RegionalSectionPage

    # Titles change on publication: renaming a city renames its group and collection. Teams
    # are named after the default-locale page, so its translations' titles do not matter.
    if isinstance(instance, MemberCityPage | RegionalSectionPage) and (
        instance.locale_id == Locale.get_default().pk
    ):
        _safely(lambda roles, page: roles.sync_page(page), instance)


def page_was_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    def resync(roles, page, before, after):
        roles.sync_page(page)
        for parent in (before, after):
            roles.sync_page(parent)

    _safely(resync, instance, parent_page_before, parent_page_after)
