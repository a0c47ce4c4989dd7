"""Giving a group its role's permissions: on models, on pages and on collections. With `strict`,
whatever else the group holds there is removed; without it, the group only gains what it lacks."""

import dataclasses
from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from .report import SyncReport


def _permissions(names: Iterable[str]) -> list[Permission]:
    """Permission rows for "app_label.codename" names, in one query."""
    names = list(names)
    if not names:
        return []
    query = Q()
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.filter(query).select_related("content_type")
    }
    missing = [name for name in names if name not in found]
    if missing:
        raise LookupError(
            f"Permissions missing from the database: {', '.join(missing)}. "
            "Run `manage.py migrate` first."
        )
    return [found[name] for name in names]


def set_model_permissions(group, names, report: SyncReport, strict: bool = True) -> None:
    wanted = {permission.pk: permission for permission in _permissions(names)}
    current = set(group.permissions.values_list("pk", flat=True))
    missing = [wanted[pk] for pk in wanted.keys() - current]
    if missing:
        group.permissions.add(*missing)
        report.note(f"Gave {group.name!r}: {', '.join(sorted(p.codename for p in missing))}")
    extra = current - wanted.keys()
    if strict and extra:
        group.permissions.remove(*extra)
        report.note(f"Removed {len(extra)} permission(s) outside its role from {group.name!r}")


@dataclasses.dataclass(frozen=True)
class _PermissionTable:
    """Where Wagtail keeps a group's permissions on one kind of object, and how the sync's report
    names them."""

    model: type
    object_id: str  # the row's field naming the object
    given: str  # what the report says was given, on how many objects
    removed: str


_PAGE_PERMISSIONS = _PermissionTable(
    GroupPagePermission, "page_id", "page permissions on {} page(s)", "page permission(s)"
)
_COLLECTION_PERMISSIONS = _PermissionTable(
    GroupCollectionPermission,
    "collection_id",
    "media permissions on {} collection(s)",
    "collection permission(s)",
)


def _set_permissions(
    table: _PermissionTable, group, objects, names, report: SyncReport, strict: bool = True
) -> None:
    """Give `group` the permissions `names` on each of `objects`; with `strict`, remove what else
    it holds in `table`."""
    permissions = _permissions(names)
    wanted = {(obj.pk, permission.pk) for obj in objects for permission in permissions}
    existing = {
        (getattr(row, table.object_id), row.permission_id): row.pk
        for row in table.model.objects.filter(group=group)
    }
    missing = wanted - existing.keys()
    if missing:
        table.model.objects.bulk_create(
            table.model(group=group, permission_id=permission_id, **{table.object_id: object_id})
            for object_id, permission_id in sorted(missing)
        )
        touched = len({object_id for object_id, _ in missing})
        report.note(f"Gave {group.name!r} {table.given.format(touched)}")
    extra = [pk for key, pk in existing.items() if key not in wanted]
    if strict and extra:
        table.model.objects.filter(pk__in=extra).delete()
        report.note(f"Removed {len(extra)} {table.removed} outside its role from {group.name!r}")


def set_page_permissions(group, pages, names, report: SyncReport, strict: bool = True) -> None:
    _set_permissions(_PAGE_PERMISSIONS, group, pages, names, report, strict)


def set_collection_permissions(
    group, collections, names, report: SyncReport, strict: bool = True
) -> None:
    _set_permissions(_COLLECTION_PERMISSIONS, group, collections, names, report, strict)
