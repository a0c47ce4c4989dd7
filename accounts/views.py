from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from accounts.lockout import can_unlock
from accounts.ratelimit import allow_password_reset

UNLOCK_ACTION = "accounts.unlock"


class RateLimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, sending at most a few emails an hour per address and per email."""

    def form_valid(self, form):
        if not allow_password_reset(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Too many password reset requests from your address or for this email. "
                    "Wait an hour, then try again."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def locked_out_attempts():
    """Username-and-address pairs that are locked out now."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.order_by("-attempt_time")


class LockedOutSignInsView(WagtailAdminTemplateMixin, TemplateView):
    """Sign-ins locked after repeated failures, each with an unlock button."""

    template_name = "accounts/locked_out_sign_ins.html"
    page_title = gettext_lazy("Locked-out sign-ins")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        attempts = [
            {"attempt": attempt, "unlocks_at": attempt.attempt_time + settings.AXES_COOLOFF_TIME}
            for attempt in locked_out_attempts()
        ]
        return super().get_context_data(attempts=attempts, **kwargs)


@require_POST
def unlock(request, attempt_id):
    if not can_unlock(request.user):
        raise PermissionDenied
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:  # unlocked meanwhile, by someone else or by its cool-off
        messages.info(request, _("That sign-in is no longer locked."))
        return redirect("accounts:locked_out")
    # Recorded in the history of the account that was locked (or, for an unknown username, of the
    # moderator who unlocked it).
    locked_user = get_user_model().objects.filter(username=attempt.username).first()
    log(
        instance=locked_user or request.user,
        action=UNLOCK_ACTION,
        user=request.user,
        data={"username": attempt.username, "ip_address": attempt.ip_address},
    )
    attempt.delete()
    messages.success(
        request,
        _("Unlocked %(username)s from %(address)s.")
        % {"username": attempt.username, "address": attempt.ip_address},
    )
    return redirect("accounts:locked_out")
