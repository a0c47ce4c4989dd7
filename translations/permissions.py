"""Who may start a translation, and into which languages.

wagtail-localize asks for one model permission, `wagtail_localize.submit_translation`, and then lets
its holder translate anything into every language. The secretariat holds it. Translators and city
editors get narrower rights, decided here per object and per language:

- a member of "Translators (<language>)" may translate any page into that language (snippets stay
  with the secretariat: editing a snippet needs a permission on its whole model, every language);
- a member of "<City> editors" may translate the city's pages into any language, because they may
  add pages under the city in every language's tree.
"""

from wagtail.models import Locale, Page

from editorial.models import EditorialTeam


def can_translate_anything(user) -> bool:
    return user.is_active and user.has_perm("wagtail_localize.submit_translation")


def translator_locales(user) -> list[Locale]:
    """The languages whose translator teams `user` belongs to."""
    if not user.is_active or not user.is_authenticated:
        return []
    return list(
        Locale.objects.filter(
            pk__in=EditorialTeam.objects.filter(
                kind=EditorialTeam.Kind.TRANSLATORS, group__user=user
            ).values("locale_id")
        ).order_by("pk")
    )


def target_locales(user, instance) -> list[Locale]:
    """The languages `user` may start a translation of `instance` into (existing translations
    included: the caller leaves those out)."""
    locales = Locale.objects.exclude(pk=instance.locale_id).order_by("pk")
    if can_translate_anything(user):
        return list(locales)
    if not isinstance(instance, Page):
        return []
    allowed = {locale.pk for locale in translator_locales(user)}
    if not instance.is_root():
        parent = instance.get_parent()
        for translated_parent in parent.get_translations(inclusive=True):
            if translated_parent.permissions_for_user(user).can_add_subpage():
                allowed.add(translated_parent.locale_id)
    return [locale for locale in locales if locale.pk in allowed]


def untranslated_locales(user, instance) -> list[Locale]:
    """The languages `user` may translate `instance` into that have no translation yet (an alias
    is not a translation: wagtail-localize turns it into one)."""
    existing = instance.get_translations(inclusive=True)
    if isinstance(instance, Page):
        existing = existing.exclude(alias_of__isnull=False)
    taken = set(existing.values_list("locale_id", flat=True))
    return [locale for locale in target_locales(user, instance) if locale.pk not in taken]
