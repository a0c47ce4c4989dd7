"""Every response carries the security headers: a strict Content-Security-Policy on the public
site, a looser one that Wagtail's admin works under, Permissions-Policy and
Cross-Origin-Opener-Policy."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.without_demo_content]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", ["/en/search/?q=water", "/en/no-such-page/", "/robots.txt"])
def test_public_responses_allow_only_the_site_s_own_scripts(path):
    response = Client().get(path)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/password_reset/"])
def test_the_admin_may_run_its_inline_scripts_and_styles_from_the_site_only(path):
    policy = directives(Client().get(path))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in policy["script-src"]


@pytest.mark.parametrize("path", ["/en/search/?q=water", "/admin/login/", "/en/no-such-page/"])
def test_every_response_turns_off_unused_features_and_isolates_its_window(path):
    response = Client().get(path)
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
