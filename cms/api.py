"""The public read API: Wagtail API v2 for pages, images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.visibility import visible
from search.query import normalise_query


class CheckedParameters:
    """A 400 for parameters Wagtail's API answers with a 500 (found by tests/test_fuzz.py): an
    unknown search operator, an offset or limit beyond what the database takes, a NUL. The
    search itself is reduced to its words, as on the site's search page: Wagtail hands it to the
    backend's query parser, where a stray quote is a syntax error on SQLite's full-text index."""

    def check_query_parameters(self, queryset):
        params = self.request.GET
        if params.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        for name in ("offset", "limit"):
            if params.get(name, "").isdigit() and int(params[name]) >= 2**31:
                raise BadRequestError(f"{name} is too large")
        if any("\x00" in value for value in params.values()):
            raise BadRequestError("parameters must not contain NUL characters")
        if "search" in params:
            words = params.copy()
            words["search"] = normalise_query(params["search"])
            self.request._request.GET = words  # what request.GET and query_params read
        return super().check_query_parameters(queryset)


class VisiblePagesAPIViewSet(CheckedParameters, PagesAPIViewSet):
    """The pages any visitor may see, whoever asks: the API serves the public, and a session's
    password or login must not widen what its answers list (core/visibility.py)."""

    def get_base_queryset(self):
        return visible(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")


class CheckedImagesAPIViewSet(CheckedParameters, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedParameters, DocumentsAPIViewSet):
    pass


api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
