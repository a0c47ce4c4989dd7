"""The secretariat's panels on the admin dashboard (added for those who may see them). Regions and
cities are named in the language the moderator reads the admin in."""

from wagtail.admin.ui.components import Component

from editorial import reports
from editorial.permissions import admin_locale

STALE_PAGES_SHOWN = 20


class AwaitingReviewPanel(Component):
    name = "secretariat_awaiting_review"
    template_name = "editorial/panels/awaiting_review.html"
    order = 215  # just before Wagtail's own "Awaiting your review"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        groups = reports.submissions_by_region(admin_locale(request.user))
        return {
            "groups": groups,
            "total": sum(len(group.submissions) for group in groups),
            "request": request,
        }


class StalePagesPanel(Component):
    name = "secretariat_stale_pages"
    template_name = "editorial/panels/stale_pages.html"
    order = 260

    def get_context_data(self, parent_context):
        pages = reports.stale_pages()
        return {
            "pages": pages[:STALE_PAGES_SHOWN],
            "total": pages.count(),
            "request": parent_context["request"],
        }


class TranslationCoveragePanel(Component):
    name = "secretariat_translation_coverage"
    template_name = "editorial/panels/translation_coverage.html"
    order = 270

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        table = reports.translation_coverage(admin_locale(request.user))
        return {"table": table, "request": request}
