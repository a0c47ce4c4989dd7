"""Creates and repairs the editorial teams: groups, collections, permissions and the review workflow.

Teams are found through `EditorialTeam` (by page translation key, locale or kind), never by name, so
renaming a city renames its group and collection and keeps them bound. Every function here is
idempotent: a second run reports no change.

What each team may do is fixed by its role, so for editor and translator teams the sync removes any
page, collection or model permission the role does not grant. The moderators team only gains what
it lacks: the secretariat may give itself more.
"""

import dataclasses
import logging
from collections.abc import Callable, Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language_info
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from cities.models import MemberCityPage, RegionalSectionPage
from editorial.models import EditorialTeam
from home.models import HomePage
from initiatives.models import SustainableDevelopmentGoal, Theme

logger = logging.getLogger(__name__)

MODERATORS_GROUP_NAME = "Secretariat moderators"
# Snippets that pass through the review workflow like pages (initiatives/models/taxonomy.py).
REVIEWED_SNIPPETS = (Theme, SustainableDevelopmentGoal)
WORKFLOW_NAME = "Secretariat review"
APPROVAL_TASK_NAME = "Secretariat approval"

ADMIN_ACCESS = ("wagtailadmin.access_admin",)
EDITOR_PAGE_PERMISSIONS = ("wagtailcore.add_page", "wagtailcore.change_page")
TRANSLATOR_PAGE_PERMISSIONS = ("wagtailcore.change_page",)
# Held for their language's translations only (editorial/taxonomy.py).
TRANSLATOR_MODEL_PERMISSIONS = (
    *ADMIN_ACCESS,
    "initiatives.change_theme",
    "initiatives.change_sustainabledevelopmentgoal",
)
MODERATOR_PAGE_PERMISSIONS = (
    "wagtailcore.add_page",
    "wagtailcore.change_page",
    "wagtailcore.publish_page",
    "wagtailcore.lock_page",
    "wagtailcore.unlock_page",
)
EDITOR_MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
MODERATOR_COLLECTION_PERMISSIONS = (
    *EDITOR_MEDIA_PERMISSIONS,
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
)
MODERATOR_MODEL_PERMISSIONS = (
    *ADMIN_ACCESS,
    *(
        f"initiatives.{action}_{model}"
        for model in ("theme", "sustainabledevelopmentgoal")
        for action in ("add", "change", "delete", "publish", "lock", "unlock")
    ),
    "wagtailcore.add_locale",
    "wagtailcore.change_locale",
    "wagtailcore.delete_locale",
    "wagtail_localize.submit_translation",
    "editorial.invite_editors",
    "editorial.view_secretariat_dashboard",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
)


@dataclasses.dataclass
class SyncReport:
    """What a sync changed, one readable line per change."""

    changes: list[str] = dataclasses.field(default_factory=list)

    def note(self, message: str) -> None:
        self.changes.append(message)
        logger.info(message)


def editors_group_name(title: str) -> str:
    """`<City> editors` or `<Region> editors`."""
    return f"{title} editors"


def translators_group_name(locale: Locale) -> str:
    try:
        language = get_language_info(locale.language_code)["name"]
    except KeyError:
        language = locale.language_code
    return f"Translators ({language})"


# Entry points -----------------------------------------------------------------------------


@transaction.atomic
def sync_all(
    report: SyncReport | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SyncReport:
    """Create or repair every team, the review workflow and its assignment to every locale root."""
    report = report if report is not None else SyncReport()
    sync_moderators(report)
    for locale in Locale.objects.order_by("pk"):
        sync_translators(locale, report)
    region_keys = _translation_keys(RegionalSectionPage)
    for done, key in enumerate(region_keys, start=1):
        sync_region(key, report)
        if progress:
            progress("Regional sections", done, len(region_keys))
    city_keys = _translation_keys(MemberCityPage)
    for done, key in enumerate(city_keys, start=1):
        sync_city(key, report)
        if progress:
            progress("Member cities", done, len(city_keys))
    return report


def sync_city(translation_key, report: SyncReport | None = None) -> EditorialTeam | None:
    """The `<City> editors` team: add and edit (never publish) on the city in every locale's
    tree, and add, edit and choose in the city's collection, which sits in its region's folder."""
    report = report if report is not None else SyncReport()
    source = _source_page(MemberCityPage, translation_key)
    if source is None:
        return None
    pages = list(source.get_translations(inclusive=True))
    region = source.get_parent().specific
    if not isinstance(region, RegionalSectionPage):
        raise ValueError(
            f"The member city {source.title!r} (page {source.pk}) is not inside a regional "
            "section; move it under one, then run `manage.py sync_roles` again."
        )
    region_team = _region_team_with_folder(region, report)
    team = _get_or_create_team(EditorialTeam.Kind.CITY, report, translation_key=translation_key)
    group = _ensure_group(
        team,
        [editors_group_name(source.title), editors_group_name(f"{source.title} ({source.slug})")],
        report,
    )
    collection = _ensure_collection(team, "collection", source.title, region_team.folder, report)
    _set_model_permissions(group, ADMIN_ACCESS, report)
    _set_page_permissions(group, pages, EDITOR_PAGE_PERMISSIONS, report)
    _set_collection_permissions(group, [collection], EDITOR_MEDIA_PERMISSIONS, report)
    return team


def sync_region(translation_key, report: SyncReport | None = None) -> EditorialTeam | None:
    """The `<Region> editors` team: add and edit on the regional section's own pages (its direct
    children that are not member cities) in every locale, and their own collection. Wagtail's
    page permissions cover a whole subtree, so the section page itself, whose subtree holds the
    cities, is left to the secretariat."""
    report = report if report is not None else SyncReport()
    source = _source_page(RegionalSectionPage, translation_key)
    if source is None:
        return None
    sections = list(source.get_translations(inclusive=True))
    own_pages = [
        page
        for section in sections
        for page in section.get_children().not_type(MemberCityPage).order_by("path")
    ]
    team = _get_or_create_team(EditorialTeam.Kind.REGION, report, translation_key=translation_key)
    group = _ensure_group(
        team,
        [editors_group_name(source.title), editors_group_name(f"{source.title} ({source.slug})")],
        report,
    )
    folder = _ensure_collection(
        team, "folder", source.title, Collection.get_first_root_node(), report
    )
    collection = _ensure_collection(
        team, "collection", f"{source.title} regional section", folder, report
    )
    _set_model_permissions(group, ADMIN_ACCESS, report)
    _set_page_permissions(group, own_pages, EDITOR_PAGE_PERMISSIONS, report)
    _set_collection_permissions(group, [collection], EDITOR_MEDIA_PERMISSIONS, report)
    return team


def sync_translators(locale: Locale, report: SyncReport | None = None) -> EditorialTeam:
    """`Translators (<language>)`: edit (never publish) the pages of that locale's tree and the
    taxonomy's translations into that language."""
    report = report if report is not None else SyncReport()
    team = _get_or_create_team(EditorialTeam.Kind.TRANSLATORS, report, locale=locale)
    group = _ensure_group(team, [translators_group_name(locale)], report)
    roots = list(locale_roots().filter(locale=locale))
    _set_model_permissions(group, TRANSLATOR_MODEL_PERMISSIONS, report)
    _set_page_permissions(group, roots, TRANSLATOR_PAGE_PERMISSIONS, report)
    _set_collection_permissions(group, [], (), report)
    return team


def sync_moderators(report: SyncReport | None = None) -> EditorialTeam:
    """`Secretariat moderators`: publish everywhere, manage media, taxonomy and locales, invite
    editors, and approve the "Secretariat review" workflow, assigned to every locale root and to
    the taxonomy's snippets."""
    report = report if report is not None else SyncReport()
    team = _get_or_create_team(EditorialTeam.Kind.MODERATORS, report)
    group = _ensure_group(team, [MODERATORS_GROUP_NAME], report)
    _set_model_permissions(group, MODERATOR_MODEL_PERMISSIONS, report, strict=False)
    root_page = Page.get_first_root_node()
    _set_page_permissions(
        group, [root_page] if root_page else [], MODERATOR_PAGE_PERMISSIONS, report, strict=False
    )
    _set_collection_permissions(
        group,
        [Collection.get_first_root_node()],
        MODERATOR_COLLECTION_PERMISSIONS,
        report,
        strict=False,
    )
    workflow = _ensure_workflow(team, group, report)
    for root in locale_roots():
        assignment = WorkflowPage.objects.filter(page=root).first()
        if assignment is None or assignment.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
            report.note(f"Assigned workflow {workflow.name!r} to {root.title!r} ({root.locale})")
    for model in REVIEWED_SNIPPETS:
        content_type = ContentType.objects.get_for_model(model)
        assignment = WorkflowContentType.objects.filter(content_type=content_type).first()
        if assignment is None or assignment.workflow_id != workflow.pk:
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
            report.note(f"Assigned workflow {workflow.name!r} to {model._meta.verbose_name_plural}")
    return team


def sync_page(page: Page, report: SyncReport | None = None) -> None:
    """Bring the teams a new, moved or republished page concerns up to date."""
    report = report if report is not None else SyncReport()
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, MemberCityPage):
        sync_city(page.translation_key, report)
    elif specific_class is not None and issubclass(specific_class, RegionalSectionPage):
        sync_region(page.translation_key, report)
    elif specific_class is not None and issubclass(specific_class, HomePage):
        sync_moderators(report)
        sync_translators(page.locale, report)
    else:
        parent = page.get_parent()
        if parent is not None and parent.specific_class is RegionalSectionPage:
            sync_region(parent.translation_key, report)


def locale_roots():
    """Each locale's HomePage: the root of that language's tree."""
    return Page.objects.type(HomePage).order_by("path")


def team_for_page(page: Page) -> EditorialTeam | None:
    """The city or region team whose pages include `page`: the closest such ancestor wins."""
    keys = list(
        Page.objects.ancestor_of(page, inclusive=True)
        .type(MemberCityPage, RegionalSectionPage)
        .order_by("-depth")
        .values_list("translation_key", flat=True)
    )
    teams = EditorialTeam.objects.filter(translation_key__in=keys).select_related(
        "group", "collection"
    )
    by_key = {team.translation_key: team for team in teams}
    return next((by_key[key] for key in keys if key in by_key), None)


def collection_for_new_city(city: MemberCityPage, region: RegionalSectionPage) -> Collection:
    """The collection a city page about to be created will own, so that media made before the
    page (the demo loader draws the city's logo and banner first) are filed in it from the start.
    The team is bound to the page's translation key, which exists before the page is saved."""
    report = SyncReport()
    region_team = _region_team_with_folder(region, report)
    team = _get_or_create_team(
        EditorialTeam.Kind.CITY, report, translation_key=city.translation_key
    )
    return _ensure_collection(team, "collection", city.title, region_team.folder, report)


def adopt_collection(
    city: MemberCityPage, collection: Collection, report: SyncReport | None = None
) -> bool:
    """Bind an existing collection and its media to a city's team (for databases built before
    teams existed). Refuses collections another team owns, and never discards media."""
    report = report if report is not None else SyncReport()
    if EditorialTeam.objects.filter(collection=collection).exists():
        return False
    if EditorialTeam.objects.filter(folder=collection).exists():
        return False
    team = sync_city(city.translation_key, report)
    current = team.collection
    if current is not None:
        if _holds_media(current) or current.get_children().exists():
            return False
        team.collection = None
        team.save(update_fields=["collection"])
        Collection.objects.get(pk=current.pk).delete()
    team.collection = collection
    team.save(update_fields=["collection"])
    report.note(f"Bound collection {collection.name!r} to {team.group.name!r}")
    sync_city(city.translation_key, report)
    return True


# Building blocks --------------------------------------------------------------------------


def _region_team_with_folder(region: RegionalSectionPage, report: SyncReport) -> EditorialTeam:
    """The region's team, synced only if it lacks its folder (a city needs nothing else of it)."""
    team = (
        EditorialTeam.objects.filter(translation_key=region.translation_key)
        .select_related("folder")
        .first()
    )
    if team is None or team.folder is None:
        team = sync_region(region.translation_key, report)
    return team


def _translation_keys(model) -> list:
    """Each translation key once, in tree order of its first page."""
    keys = model.objects.order_by("path").values_list("translation_key", flat=True)
    return list(dict.fromkeys(keys))


def _source_page(model, translation_key):
    """The page in the default locale if it exists, otherwise the oldest translation."""
    pages = list(model.objects.filter(translation_key=translation_key).order_by("pk"))
    if not pages:
        return None
    default_locale_id = Locale.get_default().pk
    return next((page for page in pages if page.locale_id == default_locale_id), pages[0])


def _get_or_create_team(kind, report: SyncReport, **lookup) -> EditorialTeam:
    """The team bound to `lookup` (a translation key or a locale; the kind for moderators)."""
    lookup = lookup or {"kind": kind}
    teams = EditorialTeam.objects.select_related("group", "collection", "folder", "workflow")
    team = teams.filter(**lookup).first()
    if team is None:
        team = EditorialTeam.objects.create(**{"kind": kind, **lookup})
        report.note(f"Created {kind} team {team.pk}")
    elif team.kind != kind:
        raise ValueError(f"Editorial team {team.pk} is a {team.kind} team, not a {kind} team.")
    return team


def _ensure_group(team: EditorialTeam, names: list[str], report: SyncReport) -> Group:
    """The team's group, named after its page or language. An unbound group that already has the
    wanted name is taken over (its permissions are then set to the role's); if another team's
    group has the name, the next candidate is used."""
    group = team.group
    if group is None:
        for name in names:
            existing = Group.objects.filter(name=name).first()
            if existing is None:
                group = Group.objects.create(name=name)
                report.note(f"Created group {name!r}")
                break
            if not EditorialTeam.objects.filter(group=existing).exists():
                group = existing
                report.note(f"Bound existing group {name!r}")
                break
        else:
            raise ValueError(f"Every name for this team is taken by another team: {names}")
        team.group = group
        team.save(update_fields=["group"])
        return group
    if group.name not in names:
        for name in names:
            if not Group.objects.filter(name=name).exclude(pk=group.pk).exists():
                report.note(f"Renamed group {group.name!r} to {name!r}")
                group.name = name
                group.save(update_fields=["name"])
                break
    return group


def _ensure_collection(
    team: EditorialTeam, field: str, name: str, parent: Collection, report: SyncReport
) -> Collection:
    """The team's collection in `field`, created, moved under `parent` or renamed as needed.
    Tree nodes are re-read before every change: cached paths go stale as the tree changes."""
    parent = Collection.objects.get(pk=parent.pk)
    collection = getattr(team, field)
    if collection is None:
        collection = parent.add_child(name=name)
        setattr(team, field, collection)
        team.save(update_fields=[field])
        report.note(f"Created collection {name!r} in {parent.name!r}")
        return collection
    collection = Collection.objects.get(pk=collection.pk)
    if collection.get_parent().pk != parent.pk:
        collection.move(parent, pos="sorted-child")
        collection = Collection.objects.get(pk=collection.pk)
        report.note(f"Moved collection {collection.name!r} into {parent.name!r}")
    if collection.name != name:
        report.note(f"Renamed collection {collection.name!r} to {name!r}")
        collection.name = name
        collection.save(update_fields=["name"])
    setattr(team, field, collection)
    return collection


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


def _set_model_permissions(group, names, report: SyncReport, strict: bool = True) -> None:
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


def _set_page_permissions(group, pages, names, report: SyncReport, strict: bool = True) -> None:
    _set_permissions(_PAGE_PERMISSIONS, group, pages, names, report, strict)


def _set_collection_permissions(
    group, collections, names, report: SyncReport, strict: bool = True
) -> None:
    _set_permissions(_COLLECTION_PERMISSIONS, group, collections, names, report, strict)


def _ensure_workflow(team: EditorialTeam, group: Group, report: SyncReport) -> Workflow:
    """The "Secretariat review" workflow: one group approval task for the moderators."""
    workflow = team.workflow
    if workflow is None:
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
            report.note(f"Created workflow {WORKFLOW_NAME!r}")
        team.workflow = workflow
        team.save(update_fields=["workflow"])
    changed_fields = []
    if workflow.name != WORKFLOW_NAME:
        workflow.name = WORKFLOW_NAME
        changed_fields.append("name")
    if not workflow.active:
        workflow.active = True
        changed_fields.append("active")
    if changed_fields:
        workflow.save(update_fields=changed_fields)
        report.note(f"Restored workflow {WORKFLOW_NAME!r}: {', '.join(changed_fields)}")
    task_ids = WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
    approval = GroupApprovalTask.objects.filter(pk__in=task_ids, groups=group).first()
    if approval is None:
        approval = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        approval.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=len(task_ids))
        report.note(f"Added task {APPROVAL_TASK_NAME!r} for {group.name!r} to {workflow.name!r}")
    if not approval.active:
        approval.active = True
        approval.save(update_fields=["active"])
        report.note(f"Reactivated task {approval.name!r}")
    return workflow


def _holds_media(collection: Collection) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return (
        get_image_model().objects.filter(collection=collection).exists()
        or get_document_model().objects.filter(collection=collection).exists()
    )
