"""What each role may do: its group's name, its permissions, and the review workflow's names.

editorial/roles/sync.py gives these to each team; change a role here and `manage.py sync_roles`
(or the next page save) brings every team in line.
"""

from django.utils.translation import get_language_info
from wagtail.models import Locale

from initiatives.models import SustainableDevelopmentGoal, Theme

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


def editors_group_name(title: str) -> str:
    """`<City> editors` or `<Region> editors`."""
    return f"{title} editors"


def translators_group_name(locale: Locale) -> str:
    try:
        language = get_language_info(locale.language_code)["name"]
    except KeyError:
        language = locale.language_code
    return f"Translators ({language})"
