"""What a locked-out sign-in sees, and who may lift a lockout.

django-axes counts failed sign-ins per username and address (see AXES_* in cms/settings/base.py);
once locked, even the right password is refused until the cool-off ends or the secretariat unlocks.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return ngettext(
        "Too many failed sign-in attempts: signing in with this username from your address is "
        "blocked for %(minutes)d minute. Wait, reset your password, or ask the secretariat to "
        "unlock it.",
        "Too many failed sign-in attempts: signing in with this username from your address is "
        "blocked for %(minutes)d minutes. Wait, reset your password, or ask the secretariat to "
        "unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in form again, with the lockout as its only error (rather than "wrong
    password"), answered 429."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is None or not form.is_bound:
        return HttpResponse(lockout_message(), status=status, content_type="text/plain")
    form.errors.clear()
    form.add_error(None, lockout_message())
    # Rendered here: the middlewares this response passes through next read its content.
    return TemplateResponse(
        request, original_response.template_name, context, status=status
    ).render()


def can_unlock(user) -> bool:
    return user.is_active and user.has_perm("axes.delete_accessattempt")
