"""The public read API: Wagtail API v2 for pages, images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.visibility import visible


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    """The pages any visitor may see, whoever asks: the API serves the public, and a session's
    password or login must not widen what its answers list (core/visibility.py)."""

    def get_base_queryset(self):
        return visible(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
