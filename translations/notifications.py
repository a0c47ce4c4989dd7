"""Telling translators that a page joined their queue: an email when an original is published
with no translation in their language yet, or changes so that their translation is outdated.

`TRANSLATION_QUEUE_EMAILS = False` (an environment variable of the same name) turns them off.
Each email is written in its reader's admin language.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.users.models import UserProfile

from editorial.models import EditorialTeam
from translations.freshness import source_of, translation_of
from translations.models import OutdatedTranslation


def original_published(page) -> None:
    """Email the translators of every language in whose queue `page` now is, once the
    publication is committed."""
    if not settings.TRANSLATION_QUEUE_EMAILS or page.depth <= 2 or page.alias_of_id:
        return
    if translation_of(page) is not None:
        return  # a translation going live is the end of a translator's work, not new work
    transaction.on_commit(lambda: send_queue_emails(page))


def queued_locales(page) -> dict:
    """{locale id: "new" or "outdated"} for the languages whose queue holds `page`."""
    translated = set(
        page.get_translations().filter(alias_of__isnull=True).values_list("locale_id", flat=True)
    )
    source = source_of(page)
    outdated = set()
    if source is not None:
        outdated = set(
            OutdatedTranslation.objects.filter(
                translation__source=source, translation__enabled=True
            ).values_list("translation__target_locale_id", flat=True)
        )
    teams = EditorialTeam.objects.filter(kind=EditorialTeam.Kind.TRANSLATORS).exclude(
        locale_id=page.locale_id
    )
    reasons = {}
    for locale_id in teams.values_list("locale_id", flat=True):
        if locale_id not in translated:
            reasons[locale_id] = "new"
        elif locale_id in outdated:
            reasons[locale_id] = "outdated"
    return reasons


def send_queue_emails(page) -> int:
    reasons = queued_locales(page)
    if not reasons:
        return 0
    teams = EditorialTeam.objects.filter(
        kind=EditorialTeam.Kind.TRANSLATORS, locale_id__in=reasons, group__isnull=False
    ).select_related("locale", "group")
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for team in teams:
        if reasons[team.locale_id] == "new":
            path = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            url = f"{base_url}{path}?select_locale={team.locale.language_code}"
        else:
            target = page.get_translation_or_none(team.locale)
            if target is None:
                continue
            url = base_url + reverse("wagtailadmin_pages:edit", args=[target.pk])
        readers = team.group.user_set.filter(is_active=True).exclude(email="")
        for user in readers:
            language = UserProfile.get_for_user(user).get_preferred_language()
            with django_translation.override(language):
                context = {
                    "user": user,
                    "page": page,
                    "locale": team.locale,
                    "outdated": reasons[team.locale_id] == "outdated",
                    "url": url,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                }
                subject = render_to_string("translations/emails/queue_subject.txt", context)
                body = render_to_string("translations/emails/queue.txt", context)
            send_mail(" ".join(subject.split()), body, None, [user.email])
            sent += 1
    return sent
