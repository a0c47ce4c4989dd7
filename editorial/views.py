import csv
import datetime

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, WorkflowState

from editorial import reports
from editorial.forms import InviteEditorForm
from editorial.invitations import InvitationError, invite
from editorial.my_city import home_city
from editorial.permissions import can_invite, can_view_dashboard
from editorial.review import can_submit_for_review, submit_for_review


class InviteEditorView(WagtailAdminTemplateMixin, FormView):
    """Invite someone to a city or regional team: an account, the team's group, and an email
    with a link to choose a password."""

    form_class = InviteEditorForm
    template_name = "editorial/invite_editor.html"
    page_title = gettext_lazy("Invite an editor")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_invite(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("editorial:invite"),
            submit_button_label=_("Send the invitation"),
            submit_button_active_label=_("Sending…"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = invite(
                data["email"],
                data["team"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                invited_by=self.request.user,
            )
        except InvitationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        values = {"email": invitation.user.email, "team": invitation.team.group.name}
        if invitation.created:
            message = _("Invitation sent to %(email)s, now in %(team)s.")
        elif invitation.joined:
            message = _("%(email)s already had an account: added to %(team)s and emailed.")
        else:
            message = _("%(email)s was already in %(team)s: the invitation was sent again.")
        messages.success(self.request, message % values)
        return redirect("editorial:invite")

    def form_invalid(self, form):
        messages.validation_error(self.request, _("The invitation could not be sent."), form)
        return super().form_invalid(form)


class SubmitForReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then submit a page's latest draft (typically a translation) for review."""

    template_name = "editorial/submit_for_review.html"
    page_title = gettext_lazy("Submit for review")
    header_icon = "resubmit"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        state = self.page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            # Say what happened: a second click, or a colleague who submitted it first.
            messages.info(
                request,
                _("“%(title)s” is already in review (%(workflow)s).")
                % {"title": self.page.get_admin_display_title(), "workflow": state.workflow.name},
            )
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        if not can_submit_for_review(self.page, request.user):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, workflow=self.page.get_workflow(), **kwargs)

    def post(self, request, page_id):
        state = submit_for_review(self.page, request.user)
        messages.success(
            request,
            _("“%(title)s” was submitted to %(workflow)s.")
            % {"title": self.page.get_admin_display_title(), "workflow": state.workflow.name},
        )
        return redirect("wagtailadmin_explore", self.page.get_parent().pk)


def _csv_cell(value):
    """Spreadsheet-safe text: booleans and dates readable, and no cell a spreadsheet would run
    as a formula (a title such as "=HYPERLINK(…)" is written as text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def inventory_csv(request):
    """Every page in every language, one row each, for a spreadsheet."""
    if not can_view_dashboard(request.user):
        raise PermissionDenied
    writer = csv.writer(_Echo())
    keys = [key for key, _label in reports.INVENTORY_COLUMNS]

    def rows():
        yield "\ufeff"  # a byte-order mark, so that spreadsheets read the file as UTF-8
        yield writer.writerow([str(label) for _key, label in reports.INVENTORY_COLUMNS])
        for row in reports.inventory_rows():
            yield writer.writerow([_csv_cell(row[key]) for key in keys])

    filename = f"content-inventory-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_admin_access  # outside Wagtail's admin URLs, which apply it to their own views
def explore_root(request):
    """/admin/pages/: Wagtail lists the language roots, the pages common to all of a city editor's
    trees. A city editor goes to their city instead (the sidebar's "Pages" opens there too);
    everyone else gets Wagtail's listing. Replaces Wagtail's URL of the same name (cms/urls.py)."""
    city = home_city(request.user)
    if city is None:
        return _wagtail_explore_root(request)
    url = reverse("wagtailadmin_explore", args=[city.pk])
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return redirect(url)


_wagtail_explore_root = page_viewset_registry.as_view("index", is_base_page=True)
