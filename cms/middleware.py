"""Security headers: one Content-Security-Policy for the public site and a looser one for the
admin, plus Permissions-Policy on every response (see docs/security.md)."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


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
