"""The entry points: bring one team, or all of them, in line with their role and the tree."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, Locale, Page, WorkflowContentType, WorkflowPage

from cities.models import MemberCityPage, RegionalSectionPage
from editorial.models import EditorialTeam
from home.models import HomePage

from .grants import set_collection_permissions, set_model_permissions, set_page_permissions
from .policy import (
    ADMIN_ACCESS,
    EDITOR_MEDIA_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    MODERATOR_COLLECTION_PERMISSIONS,
    MODERATOR_MODEL_PERMISSIONS,
    MODERATOR_PAGE_PERMISSIONS,
    MODERATORS_GROUP_NAME,
    REVIEWED_SNIPPETS,
    TRANSLATOR_MODEL_PERMISSIONS,
    TRANSLATOR_PAGE_PERMISSIONS,
    editors_group_name,
    translators_group_name,
)
from .report import SyncReport
from .teams import (
    ensure_collection,
    ensure_group,
    ensure_workflow,
    get_or_create_team,
    holds_media,
)


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
    team = get_or_create_team(EditorialTeam.Kind.CITY, report, translation_key=translation_key)
    group = ensure_group(
        team,
        [editors_group_name(source.title), editors_group_name(f"{source.title} ({source.slug})")],
        report,
    )
    collection = ensure_collection(team, "collection", source.title, region_team.folder, report)
    set_model_permissions(group, ADMIN_ACCESS, report)
    set_page_permissions(group, pages, EDITOR_PAGE_PERMISSIONS, report)
    set_collection_permissions(group, [collection], EDITOR_MEDIA_PERMISSIONS, report)
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
    team = get_or_create_team(EditorialTeam.Kind.REGION, report, translation_key=translation_key)
    group = ensure_group(
        team,
        [editors_group_name(source.title), editors_group_name(f"{source.title} ({source.slug})")],
        report,
    )
    folder = ensure_collection(
        team, "folder", source.title, Collection.get_first_root_node(), report
    )
    collection = ensure_collection(
        team, "collection", f"{source.title} regional section", folder, report
    )
    set_model_permissions(group, ADMIN_ACCESS, report)
    set_page_permissions(group, own_pages, EDITOR_PAGE_PERMISSIONS, report)
    set_collection_permissions(group, [collection], EDITOR_MEDIA_PERMISSIONS, report)
    return team


def sync_translators(locale: Locale, report: SyncReport | None = None) -> EditorialTeam:
    """`Translators (<language>)`: edit (never publish) the pages of that locale's tree and the
    taxonomy's translations into that language."""
    report = report if report is not None else SyncReport()
    team = get_or_create_team(EditorialTeam.Kind.TRANSLATORS, report, locale=locale)
    group = ensure_group(team, [translators_group_name(locale)], report)
    roots = list(locale_roots().filter(locale=locale))
    set_model_permissions(group, TRANSLATOR_MODEL_PERMISSIONS, report)
    set_page_permissions(group, roots, TRANSLATOR_PAGE_PERMISSIONS, report)
    set_collection_permissions(group, [], (), report)
    return team


def sync_moderators(report: SyncReport | None = None) -> EditorialTeam:
    """`Secretariat moderators`: publish everywhere, manage media, taxonomy and locales, invite
    editors, and approve the "Secretariat review" workflow, assigned to every locale root and to
    the taxonomy's snippets."""
    report = report if report is not None else SyncReport()
    team = get_or_create_team(EditorialTeam.Kind.MODERATORS, report)
    group = ensure_group(team, [MODERATORS_GROUP_NAME], report)
    set_model_permissions(group, MODERATOR_MODEL_PERMISSIONS, report, strict=False)
    root_page = Page.get_first_root_node()
    set_page_permissions(
        group, [root_page] if root_page else [], MODERATOR_PAGE_PERMISSIONS, report, strict=False
    )
    set_collection_permissions(
        group,
        [Collection.get_first_root_node()],
        MODERATOR_COLLECTION_PERMISSIONS,
        report,
        strict=False,
    )
    workflow = ensure_workflow(team, group, report)
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
    team = get_or_create_team(EditorialTeam.Kind.CITY, report, translation_key=city.translation_key)
    return ensure_collection(team, "collection", city.title, region_team.folder, report)


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
        if holds_media(current) or current.get_children().exists():
            return False
        team.collection = None
        team.save(update_fields=["collection"])
        Collection.objects.get(pk=current.pk).delete()
    team.collection = collection
    team.save(update_fields=["collection"])
    report.note(f"Bound collection {collection.name!r} to {team.group.name!r}")
    sync_city(city.translation_key, report)
    return True


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
