from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: lockout after repeated failures, and limits on account emails."""

    name = "accounts"
    verbose_name = _("Accounts")
