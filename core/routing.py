"""Finding the page at an address in one query, rather than two for each level of the tree."""

from wagtail.models import Page
from wagtail.url_routing import RouteResult


class DirectRouting:
    """For the page at the top of a language's tree (the home page).

    Wagtail's `Page.route` walks down one level at a time, with a query for the child and one for
    its specific type at each level: ten for a case study under its city, whatever else the page
    needs. None of the project's page types defines addresses of its own below its page (no
    routable pages), so the page at an address can be found at once: by its last slug and its
    depth, both indexed, checked against its full address. Anything else, an address that is no
    page for instance, goes the usual way, which answers it as Wagtail always has.

    A page type may name, in `served_with`, the relations its template always shows (its
    images), to be fetched with the page.
    """

    def route(self, request, path_components):
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            candidates = Page.objects.filter(
                slug=path_components[-1],
                depth=self.depth + len(path_components),
                path__startswith=self.path,
            )
            page = next((page for page in candidates if page.url_path == url_path), None)
            if page is not None and page.live:
                model = page.specific_class
                related = getattr(model, "served_with", ())
                if related:  # the images every request for such a page shows, in the same query
                    return RouteResult(model.objects.select_related(*related).get(pk=page.pk))
                return RouteResult(page.specific)
        return super().route(request, path_components)
