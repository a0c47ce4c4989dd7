from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from accounts.lockout import can_unlock
from editorial import urls
from editorial.invitations import INVITE_ACTION
from editorial.my_city import MyCityPanel, home_city
from editorial.panels import AwaitingReviewPanel, StalePagesPanel, TranslationCoveragePanel
from editorial.permissions import can_invite, can_view_dashboard
from editorial.review import SubmitForReviewMenuItem
from editorial.taxonomy import TaxonomyGroup, register_policies

register_policies()
register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("secretariat/", include(urls, namespace="editorial"))]


@hooks.register("construct_homepage_panels")
def add_secretariat_panels(request, panels):
    if can_view_dashboard(request.user):
        panels.extend([AwaitingReviewPanel(), StalePagesPanel(), TranslationCoveragePanel()])
        return
    city = home_city(request.user)
    if city is not None:
        panels.append(MyCityPanel(city))


@hooks.register("construct_homepage_summary_items", order=100)
def leave_site_wide_counts_to_the_secretariat(request, summary_items):
    # A city editor's figures are in "My city"; the whole site's counts are not theirs.
    if not can_view_dashboard(request.user) and home_city(request.user) is not None:
        summary_items[:] = []


class CityExplorerMenuItem(ExplorerMenuItem):
    """The sidebar's "Pages", opening at the editor's city (see editorial/my_city.py)."""

    def __init__(self, item, city):
        super().__init__(
            item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order
        )
        self.city = city

    def get_context(self, request):
        return {**super().get_context(request), "start_page_id": self.city.pk}

    def render_component(self, request):
        return PageExplorerMenuItemComponent(
            self.name, self.label, self.url, self.city.pk, icon_name=self.icon_name
        )


@hooks.register("construct_main_menu")
def start_city_editors_in_their_city(request, menu_items):
    city = home_city(request.user)
    if city is None:
        return
    menu_items[:] = [
        CityExplorerMenuItem(item, city) if item.name == "explorer" else item for item in menu_items
    ]


@hooks.register("construct_explorer_page_queryset")
def say_when_a_listing_is_out_of_reach(parent_page, pages, request):
    """A listing the user may not work in is empty: say why, rather than "0 pages"."""
    user = request.user
    # The sidebar's explorer (an API) calls this hook too: only the listing page explains.
    if getattr(request.resolver_match, "url_name", None) != "wagtailadmin_explore":
        return pages
    if user.is_superuser or parent_page.is_root():
        return pages
    policy = PagePermissionPolicy()
    if policy.explorable_instances(user).filter(pk=parent_page.pk).exists():
        return pages
    # The listing's template leaves out the empty table under the message.
    request.listing_out_of_reach = True
    city = home_city(user)
    if city is None:
        messages.warning(request, _("You have no access to these pages."))
    else:
        messages.warning(
            request,
            _("You have no access to these pages. Your pages are in %(city)s.")
            % {"city": city.title},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_explore", args=[city.pk]),
                    _("Go to %(city)s") % {"city": city.title},
                )
            ],
        )
    return pages


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
