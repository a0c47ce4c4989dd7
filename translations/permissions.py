"""Who may start a translation, and into which languages.

wagtail-localize asks for one model permission, `wagtail_localize.submit_translation`, and then lets
its holder translate anything into every language. The secretariat holds it. Translators and city
editors get narrower rights, decided here per object and per language:

- a member of "Translators (<language>)" may translate any page into that language, and any
  snippet whose permission policy lets them change its translations there (the taxonomy's:
  editorial/taxonomy.py);
- a member of "<City> editors" may translate the city's pages into any language, because they may
  add pages under the city in every language's tree.
"""

from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from editorial.permissions import translator_locale_ids


def can_translate_anything(user) -> bool:
    return user.is_active and user.has_perm("wagtail_localize.submit_translation")


def translator_locales(user) -> list[Locale]:
    """The languages whose translator teams `user` belongs to."""
    return list(Locale.objects.filter(pk__in=translator_locale_ids(user)).order_by("pk"))


def target_locales(user, instance) -> list[Locale]:
    """The languages `user` may start a translation of `instance` into (existing translations
    included: the caller leaves those out)."""
    locales = Locale.objects.exclude(pk=instance.locale_id).order_by("pk")
    if can_translate_anything(user):
        return list(locales)
    allowed = set(translator_locale_ids(user))  # a copy: the user's set is cached
    if not isinstance(instance, Page):
        if not policy_registry.get_by_type(type(instance)).user_has_permission(user, "change"):
            return []
        return [locale for locale in locales if locale.pk in allowed]
    if not instance.is_root():
        parent = instance.get_parent()
        for translated_parent in parent.get_translations(inclusive=True):
            if translated_parent.permissions_for_user(user).can_add_subpage():
                allowed.add(translated_parent.locale_id)
    return [locale for locale in locales if locale.pk in allowed]


def can_edit(user, instance) -> bool:
    """Whether `user` may edit `instance`: a page by its tree's permissions, anything else by its
    model's permission policy, which may narrow the model's permission per object."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


def can_publish(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "publish", instance)


def can_submit_for_review(user, instance) -> bool:
    """Whether `user` may send `instance` into its review workflow now."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_submit_for_moderation()
    return (
        getattr(instance, "has_workflow", False)
        and not instance.workflow_in_progress
        and can_edit(user, instance)
    )


def untranslated_locales(user, instance) -> list[Locale]:
    """The languages `user` may translate `instance` into that have no translation yet (an alias
    is not a translation: wagtail-localize turns it into one)."""
    existing = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        existing = existing.exclude(alias_of__isnull=False)
    taken = set(existing.values_list("locale_id", flat=True))
    return [locale for locale in target_locales(user, instance) if locale.pk not in taken]
