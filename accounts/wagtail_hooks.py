from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from accounts import urls
from accounts.views import UNLOCK_ACTION


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("locked-sign-ins/", include(urls, namespace="accounts"))]


@hooks.register("register_log_actions")
def register_unlock_log_action(actions):
    @actions.register_action(UNLOCK_ACTION)
    class UnlockFormatter(LogFormatter):
        label = _("Unlock sign-in")

        def format_message(self, log_entry):
            return _("Unlocked sign-in of %(username)s from %(address)s") % {
                "username": log_entry.data.get("username", ""),
                "address": log_entry.data.get("ip_address", ""),
            }
