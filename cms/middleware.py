"""Request handling shared by the whole site: language prefixes, and security headers (one
Content-Security-Policy for the public site and a looser one for the admin, plus Permissions-Policy
on every response; see docs/security.md)."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
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


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing ADMIN_CONTENT_SECURITY_POLICY under the admin's paths:
    Wagtail's admin (and Django's) need inline styles and scripts the public pages never use."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_CSP_URL_PREFIXES)
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
