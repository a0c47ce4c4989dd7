"""The people behind the demo site: its administrator and the editorial teams."""

from django.contrib.auth import get_user_model

from editorial import roles

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "metropolis"  # local demo only, printed by `make run`


def ensure_admin():
    """The site's administrator, created once."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        user = User.objects.create_superuser(
            ADMIN_USERNAME,
            "admin@metropolis.localhost",
            ADMIN_PASSWORD,
            first_name="Secretariat",
        )
    return user


def load_roles(progress) -> int:
    """Teams for every region and city, translators, moderators and the review workflow. Pages
    created before already got theirs through signals; this repairs anything else. Returns the
    number of changes made."""
    return len(roles.sync_all(progress=progress).changes)
