"""Who may use the secretariat's tools (superusers may; otherwise the permission is given to the
Secretariat moderators group by `manage.py sync_roles`), and which cities an editor edits."""


def can_invite(user) -> bool:
    return user.is_active and user.has_perm("editorial.invite_editors")


def can_view_dashboard(user) -> bool:
    return user.is_active and user.has_perm("editorial.view_secretariat_dashboard")


def edited_cities(user):
    """The member city pages, in every language, of the city teams `user` belongs to."""
    from cities.models import MemberCityPage
    from editorial.models import EditorialTeam

    if not user.is_active or not user.is_authenticated:
        return MemberCityPage.objects.none()
    keys = EditorialTeam.objects.filter(kind=EditorialTeam.Kind.CITY, group__user=user).values(
        "translation_key"
    )
    return MemberCityPage.objects.filter(translation_key__in=keys)


def admin_locale(user):
    """The locale of the language `user` reads the admin in (their preference, or the default)."""
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    language = UserProfile.get_for_user(user).get_preferred_language()
    return (
        Locale.objects.filter(language_code=language).first()
        or Locale.objects.filter(language_code=language.split("-")[0]).first()
        or Locale.get_default()
    )


def translator_locale_ids(user) -> set[int]:
    """The languages (locale ids) whose translator teams `user` belongs to."""
    from editorial.models import EditorialTeam

    if not user.is_active or not user.is_authenticated:
        return set()
    cached = getattr(user, "_translator_locale_ids", None)
    if cached is None:
        cached = set(
            EditorialTeam.objects.filter(
                kind=EditorialTeam.Kind.TRANSLATORS, group__user=user
            ).values_list("locale_id", flat=True)
        )
        user._translator_locale_ids = cached
    return cached
