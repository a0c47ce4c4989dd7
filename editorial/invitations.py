"""Inviting an editor: create the account, put it in the team's group, email a set-password link.

Inviting someone again is not an error: they keep their account and group, and get a fresh link
(or, once they have a password, a reminder of where to sign in).
"""

import dataclasses
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.ratelimit import allow_invitation
from editorial.models import EditorialTeam

INVITE_ACTION = "editorial.invite"


class InvitationError(Exception):
    """The invitation cannot be made; the message says why and what to do."""


@dataclasses.dataclass
class Invitation:
    user: object
    team: EditorialTeam
    created: bool  # a new account was made
    joined: bool  # the account was not yet in the team's group


def invite(
    email: str, team: EditorialTeam, *, first_name: str = "", last_name: str = "", invited_by=None
) -> Invitation:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvitationError(_("Enter a valid email address.")) from error
    if team.group is None:
        raise InvitationError(
            _("This team has no group yet: run `manage.py sync_roles`, then invite again.")
        )
    if not allow_invitation(invited_by, email):
        raise InvitationError(
            _(
                "Too many invitations were sent to %(email)s or by you in the last hour: wait, then try again."
            )
            % {"email": email}
        )
    User = get_user_model()
    with transaction.atomic():
        matches = list(User.objects.filter(email__iexact=email).order_by("pk")[:2])
        if len(matches) > 1:
            raise InvitationError(
                _("Several accounts use %(email)s: add the right one to the group in Users.")
                % {"email": email}
            )
        user = matches[0] if matches else None
        created = user is None
        if created:
            user = User(
                username=_free_username(email),
                email=email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
            try:
                user.full_clean(exclude=["password"])
            except ValidationError as error:
                raise InvitationError(" ".join(error.messages)) from error
            user.save()
        elif not user.is_active:
            raise InvitationError(
                _("The account of %(email)s is deactivated: reactivate it in Users first.")
                % {"email": email}
            )
        joined = not user.groups.filter(pk=team.group_id).exists()
        user.groups.add(team.group)
        log(
            instance=user,
            action=INVITE_ACTION,
            user=invited_by,
            data={"group": team.group.name, "created": created, "joined": joined},
        )
    send_invitation_email(user, team, invited_by)
    return Invitation(user=user, team=team, created=created, joined=joined)


def _free_username(email: str) -> str:
    """The address itself, made a valid username, with a number added if it is taken."""
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "-", email.lower())[:140]
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def send_invitation_email(user, team: EditorialTeam, invited_by=None) -> None:
    context = {
        "user": user,
        "team_name": team.group.name,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "invited_by": invited_by,
        "needs_password": not user.has_usable_password(),
        "set_password_url": set_password_url(user),
        "login_url": f"{settings.WAGTAILADMIN_BASE_URL}{reverse('wagtailadmin_login')}",
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("editorial/emails/invitation_subject.txt", context)
    body = render_to_string("editorial/emails/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
