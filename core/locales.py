"""The visitor's content locale, without a query each time something asks for it."""

from django.utils.translation import get_language
from wagtail.models import Locale

from core import published


def locale_by_id(pk: int) -> Locale:
    """A locale by id, read once per change to the site."""
    return published.cached("locale", lambda: Locale.objects.get(pk=pk), pk)


def default_locale() -> Locale:
    """Wagtail's `Locale.get_default()`, read once per change to the site."""
    return published.cached("default-locale", Locale.get_default)


def active_locale() -> Locale:
    """Wagtail's `Locale.get_active()`, read once per change to the site (locales are watched,
    core/apps.py) rather than once per caller: menus, facets and taxonomy all ask."""
    return published.cached("active-locale", Locale.get_active, get_language())
