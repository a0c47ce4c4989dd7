"""Wire page life-cycle events to the per-language engine indexes."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.index import remove_page, update_page


def on_publish_or_unpublish(sender, instance, **kwargs):
    update_page(instance)


def on_move(sender, instance, **kwargs):
    # A move can change the locale tree a page belongs to, and always changes its path.
    for page in instance.get_descendants(inclusive=True).specific():
        update_page(page)


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remove_page(instance)


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="search_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="search_unpublish")
    post_page_move.connect(on_move, dispatch_uid="search_move")
    post_delete.connect(on_delete, dispatch_uid="search_delete")
