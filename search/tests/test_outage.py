"""While the engine is down, visitors still get results and editors can still publish; nothing
published during the outage is lost once the engine returns.

The outage is real: the engine's process is paused (SIGSTOP) and resumed (SIGCONT).
"""

import io
import os
import signal
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from cities.models import MemberCityPage
from initiatives.models import InitiativePage
from search.models import PendingIndexUpdate

from .conftest import refresh

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]


def listening_pid(port: int) -> int:
    """The process listening on a local TCP port, read from /proc (no extra tools needed)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as file:
            for line in file.readlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(
                os.readlink(f"/proc/{pid}/fd/{fd}") in inodes
                for fd in os.listdir(f"/proc/{pid}/fd")
            ):
                return int(pid)
        except OSError:
            continue
    pytest.fail(f"no process is listening on port {port}")


@contextmanager
def engine_down():
    port = urlparse(settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0]).port
    pid = listening_pid(port)
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def short_timeouts():
    backends = {
        name: {**config, "TIMEOUT": 2} if "URLS" in config else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


def test_search_and_publishing_survive_an_outage(engine, client, locales):
    city = MemberCityPage.objects.get(locale=locales["en"], slug="dakar")
    with short_timeouts():
        with engine_down():
            response = client.get("/en/search/", {"q": "Dakar"})
            content = response.content.decode()
            assert response.status_code == 200
            assert "simpler search" in content
            assert city.title in content

            page = InitiativePage(
                title="Outage harbour quokka", slug="outage-quokka", summary="Quokka."
            )
            city.add_child(instance=page)
            page.save_revision().publish()
            assert InitiativePage.objects.get(pk=page.pk).live
            assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

        output = io.StringIO()
        call_command("search_index_check", stdout=output)
        assert "Applied 1 update(s) queued" in output.getvalue()
        assert not PendingIndexUpdate.objects.exists()
        refresh()
        response = client.get("/en/search/", {"q": "quokka"})
        content = response.content.decode()
        assert "simpler search" not in content
        assert "Outage harbour <mark>quokka</mark>" in content
