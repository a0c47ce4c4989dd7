"""Wire page life-cycle events to the per-language engine indexes, through background tasks
(search/tasks.py): the editor's request only queues the update."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.tasks import queue_page_update


def _queue(page):
    queue_page_update(page.pk, page.specific_class._meta.label, page.locale.language_code)


def on_publish_or_unpublish(sender, instance, **kwargs):
    _queue(instance)


def on_move(sender, instance, **kwargs):
    # A move can change the locale tree a page belongs to, and always changes its path.
    for page in instance.get_descendants(inclusive=True).select_related("locale"):
        _queue(page)


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        queue_page_update(instance.pk, instance._meta.label, instance.locale.language_code)


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="search_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="search_unpublish")
    post_page_move.connect(on_move, dispatch_uid="search_move")
    post_delete.connect(on_delete, dispatch_uid="search_delete")
