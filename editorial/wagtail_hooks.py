from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter

from accounts.lockout import can_unlock
from editorial import urls
from editorial.invitations import INVITE_ACTION
from editorial.panels import AwaitingReviewPanel, StalePagesPanel, TranslationCoveragePanel
from editorial.permissions import can_invite, can_view_dashboard
from editorial.review import SubmitForReviewMenuItem


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("secretariat/", include(urls, namespace="editorial"))]


@hooks.register("construct_homepage_panels")
def add_secretariat_panels(request, panels):
    if can_view_dashboard(request.user):
        panels.extend([AwaitingReviewPanel(), StalePagesPanel(), TranslationCoveragePanel()])


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permitted, **kwargs):
        super().__init__(*args, **kwargs)
        self.permitted = permitted

    def is_shown(self, request):
        return self.permitted(request.user)


@hooks.register("register_admin_menu_item")
def register_secretariat_menu():
    items = [
        PermittedMenuItem(
            _("Invite an editor"),
            reverse("editorial:invite"),
            name="invite-editor",
            icon_name="mail",
            order=100,
            permitted=can_invite,
        ),
        PermittedMenuItem(
            _("Content inventory (CSV)"),
            reverse("editorial:inventory_csv"),
            name="content-inventory",
            icon_name="download",
            order=200,
            permitted=can_view_dashboard,
        ),
        PermittedMenuItem(
            _("Locked-out sign-ins"),
            reverse("accounts:locked_out"),
            name="locked-out-sign-ins",
            icon_name="lock",
            order=300,
            permitted=can_unlock,
        ),
    ]
    # A submenu with no item the user may see is hidden.
    return SubmenuMenuItem(
        _("Secretariat"), Menu(items=items), name="secretariat", icon_name="group", order=850
    )


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def submit_for_review_button(page, user, next_url=None, view_name=None):
    yield SubmitForReviewMenuItem(page=page, priority=5)


@hooks.register("register_log_actions")
def register_invitation_log_action(actions):
    @actions.register_action(INVITE_ACTION)
    class InvitationFormatter(LogFormatter):
        label = _("Invite editor")

        def format_message(self, log_entry):
            return _("Invited to %(group)s") % {"group": log_entry.data.get("group", "")}


@hooks.register("register_permissions")
def register_editorial_permissions():
    # Lists them in Settings → Groups, so the secretariat can see and grant them.
    return Permission.objects.filter(
        content_type__app_label="editorial",
        codename__in=["invite_editors", "view_secretariat_dashboard"],
    )
