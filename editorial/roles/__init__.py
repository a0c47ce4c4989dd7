"""Creates and repairs the editorial teams: groups, collections, permissions and the review workflow.

Teams are found through `EditorialTeam` (by page translation key, locale or kind), never by name, so
renaming a city renames its group and collection and keeps them bound. Every function here is
idempotent: a second run reports no change.

What each team may do is fixed by its role, so for editor and translator teams the sync removes any
page, collection or model permission the role does not grant. The moderators team only gains what
it lacks: the secretariat may give itself more.

The package, by meaning: `policy` (what each role may do), `sync` (the entry points), `teams` (a
team's group, collections and workflow), `grants` (setting permissions) and `report`.
"""

from .policy import MODERATORS_GROUP_NAME, WORKFLOW_NAME
from .report import SyncReport
from .sync import (
    adopt_collection,
    collection_for_new_city,
    locale_roots,
    sync_all,
    sync_city,
    sync_moderators,
    sync_page,
    sync_region,
    sync_translators,
    team_for_page,
)

__all__ = [
    "MODERATORS_GROUP_NAME",
    "WORKFLOW_NAME",
    "SyncReport",
    "adopt_collection",
    "collection_for_new_city",
    "locale_roots",
    "sync_all",
    "sync_city",
    "sync_moderators",
    "sync_page",
    "sync_region",
    "sync_translators",
    "team_for_page",
]
