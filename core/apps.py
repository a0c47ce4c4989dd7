from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What several apps share: page queries, StreamField blocks, rich-text features, the fields
    every page translates, database housekeeping and reading settings from the environment. The
    bottom of the project: it imports no other app of ours (docs/architecture.md)."""

    name = "core"
    verbose_name = "Metropolis shared code"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import post_page_move

        from core import published

        # What the cached navigation, private sections and figures are made of (core/published.py).
        published.watch(Page, PageViewRestriction, Locale, Site)

        def on_change(sender, instance, **kwargs):
            if isinstance(instance, tuple(published.WATCHED)):
                published.changed()

        post_save.connect(on_change, dispatch_uid="core_published_saved", weak=False)
        post_delete.connect(on_change, dispatch_uid="core_published_deleted", weak=False)
        # A move rewrites the descendants' paths in bulk, without their signals.
        post_page_move.connect(published.changed, dispatch_uid="core_published_moved")
        # Each request reads the generation once.
        request_started.connect(published.start_request, dispatch_uid="core_published_start")
        request_finished.connect(published.end_request, dispatch_uid="core_published_end")
