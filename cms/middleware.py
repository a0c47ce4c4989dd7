"""Request handling shared by the whole site."""

from django.middleware.locale import LocaleMiddleware


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except for the addresses that have no language prefix.

    For a 404, LocaleMiddleware redirects to the same path under the visitor's language prefix
    whenever that path could be a page, which with Wagtail's catch-all page URLs is always. The
    API and the health checks answer machines at the address asked for: their 404 must stay a
    JSON 404 there, not become a redirect to an HTML page.
    """

    UNPREFIXED = ("/api/", "/health/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
