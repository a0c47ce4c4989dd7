"""Who may use the secretariat's tools. Superusers may; otherwise the permission is given to the
Secretariat moderators group by `manage.py sync_roles`."""


def can_invite(user) -> bool:
    return user.is_active and user.has_perm("editorial.invite_editors")


def can_view_dashboard(user) -> bool:
    return user.is_active and user.has_perm("editorial.view_secretariat_dashboard")
