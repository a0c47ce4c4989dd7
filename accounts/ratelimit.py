"""Counters for actions that send email (password resets, invitations), kept in Django's cache.

The default cache is per process unless a shared one (Redis, the database) is configured: see
docs/security.md. Keys hold a hash, never the address or email itself.
"""

import dataclasses
import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from accounts.addresses import client_address


@dataclasses.dataclass(frozen=True)
class Limit:
    """At most `count` actions per `seconds` for one value of one key (an address, an email)."""

    count: int
    seconds: int


def allow(action: str, limits: dict[str, tuple[str, Limit]]) -> bool:
    """Count one `action` against each (value, limit) in `limits`, named by key kind. False when
    any of them is already over its limit; then nothing is counted, so a blocked attempt does not
    push the wait further."""
    now = time.time()
    keys = {
        kind: (_cache_key(action, kind, value, limit, now), limit)
        for kind, (value, limit) in limits.items()
        if value
    }
    for key, limit in keys.values():
        if cache.get(key, 0) >= limit.count:
            return False
    for key, limit in keys.values():
        cache.add(key, 0, limit.seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, limit.seconds)
        # Some backends (the database cache) reset the expiry on incr.
        cache.touch(key, limit.seconds)
    return True


def _cache_key(action: str, kind: str, value: str, limit: Limit, now: float) -> str:
    window = int(now // limit.seconds)
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{action}:{kind}:{digest}:{window}"


HOUR = 60 * 60


def allow_password_reset(request, email: str) -> bool:
    """Counted per requesting address and per email asked for, whether or not an account has it,
    so the answer says nothing about which emails have accounts."""
    return allow(
        "password-reset",
        {
            "address": (
                client_address(request),
                Limit(settings.PASSWORD_RESETS_PER_HOUR_PER_ADDRESS, HOUR),
            ),
            "email": (email, Limit(settings.ACCOUNT_EMAILS_PER_HOUR_PER_RECIPIENT, HOUR)),
        },
    )


def allow_invitation(invited_by, email: str) -> bool:
    """Counted per inviting account (the command line counts as one) and per invited email."""
    inviter = f"user-{invited_by.pk}" if invited_by is not None else "command-line"
    return allow(
        "invitation",
        {
            "inviter": (inviter, Limit(settings.INVITATIONS_PER_HOUR_PER_INVITER, HOUR)),
            "email": (email, Limit(settings.ACCOUNT_EMAILS_PER_HOUR_PER_RECIPIENT, HOUR)),
        },
    )
