"""While the engine is down, visitors still get results without waiting and editors publish
without waiting; nothing published during the outage is lost once the engine returns.

The outages are real: the engine's process is paused (SIGSTOP) and resumed (SIGCONT), for a few
seconds only (other test runs may share the engine), or the site is pointed at a closed port, as
a dead engine looks.
"""

import json
import math
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.error import HTTPError
from urllib.parse import urlencode, urlparse
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings

from cities.models import MemberCityPage
from cms.settings.base import TASK_BACKENDS
from initiatives.models import InitiativePage
from search import breaker
from search.index import language_backend, ranked_ids

from .conftest import refresh

# `timed`: the bounds (2 s per search, 1 s per publish) are measured, so `make test` runs
# these after the parallel suite, with nothing else competing for the two cores.
pytestmark = [pytest.mark.search_engine, pytest.mark.django_db, pytest.mark.timed]

NOTICE = "simpler search"
DATABASE_TASKS = {"default": {"BACKEND": TASK_BACKENDS["database"]}}
CONCURRENT = 10


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
def engine_paused():
    port = urlparse(settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0]).port
    pid = listening_pid(port)
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def engine_dead():
    """The site's engine set-up, pointed at a port nothing listens on (9, discard)."""
    backends = {
        name: {**config, "URLS": ["http://127.0.0.1:9"]} if "URLS" in config else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


@contextmanager
def breaker_on(cooldown=30):
    """The production cool-down (tests run with none), closed again afterwards."""
    with override_settings(SEARCH_BREAKER_COOLDOWN=cooldown):
        breaker.reset()
        try:
            yield
        finally:
            breaker.reset()


@pytest.fixture
def site_database(db, tmp_path):
    """A copy of the test database for a live site, taken before the test writes anything (a
    write would lock the in-memory database against the copy)."""
    if connections["default"].vendor != "sqlite":
        pytest.skip("the live site runs on a copy of the SQLite test database")
    database = tmp_path / "site.sqlite3"
    copy = sqlite3.connect(database)
    try:
        connections["default"].ensure_connection()
        connections["default"].connection.backup(copy)
    finally:
        copy.close()
    return database


@contextmanager
def live_site(engine_name, database, tmp_path):
    """The site under gunicorn, configured as in production (deploy/gunicorn.conf.py) with two
    worker processes, on a copy of the test database and the test's engine indexes, sharing a
    file cache (the breaker's state) as the processes of one machine do. Yields its base URL."""
    from search.engines import ENGINE_NAMES

    env = {name: value for name, value in os.environ.items() if name not in ENGINE_NAMES}
    variable = next(name for name, label in ENGINE_NAMES.items() if label == engine_name)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env.update(
        {
            variable: os.environ[variable],
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{database}",
            "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
            "CACHE_DIR": str(tmp_path / "cache"),
            "TASK_BACKEND": "immediate",
            "SEARCH_BREAKER_COOLDOWN": "30",
        }
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application"]
        + ["--config", "deploy/gunicorn.conf.py", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urlopen(f"{base}/health/", timeout=2).status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "the live site did not start"
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def timed_get(base, path, params):
    started = time.monotonic()
    try:
        with urlopen(f"{base}{path}?{urlencode(params)}", timeout=20) as response:
            status, body = response.status, response.read().decode()
    except HTTPError as error:
        status, body = error.code, ""
    return status, body, time.monotonic() - started


def concurrent_gets(base, requests):
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        return list(pool.map(lambda request: timed_get(base, *request), requests))


def test_a_paused_engine_never_stalls_a_visitor(site_database, engine, locales, tmp_path):
    city = MemberCityPage.objects.get(locale=locales["en"], slug="dakar")
    searches = [("/en/search/", {"q": word}) for word in ("dakar", "water", "housing", "mobility")]
    wave = [searches[n % len(searches)] for n in range(CONCURRENT - 2)] + [
        ("/en/search/autocomplete/", {"q": "dak"}),
        ("/en/search/", {"q": "zzqxnothing"}),  # no hits: asks for a spelling suggestion
    ]
    with live_site(engine, site_database, tmp_path) as base:
        # Every worker process warmed up, and the engine answering.
        for _status, body, _seconds in concurrent_gets(base, wave):
            assert NOTICE not in body
        with engine_paused():
            # The first wave meets the frozen engine, the second the open breaker.
            answers = concurrent_gets(base, wave) + concurrent_gets(base, wave)
            health = json.loads(urlopen(f"{base}/health/ready", timeout=5).read())

            # An editor's publish does not wait for the engine either.
            with override_settings(TASKS=DATABASE_TASKS):
                page = InitiativePage(title="Paused wallaby", slug="paused-wallaby", summary="W.")
                started = time.monotonic()
                city.add_child(instance=page)
                page.save_revision().publish()
                publish_seconds = time.monotonic() - started

    durations = sorted(seconds for _status, _body, seconds in answers)
    print(
        f"\n{engine} paused: {len(durations)} requests, {CONCURRENT} at a time, 2 gunicorn "
        f"workers; median {statistics.median(durations):.2f} s, p99 "
        f"{durations[math.ceil(0.99 * len(durations)) - 1]:.2f} s, max {durations[-1]:.2f} s; "
        f"publish {publish_seconds:.2f} s"
    )
    for (path, params), (status, body, seconds) in zip(wave * 2, answers, strict=True):
        assert status == 200, (path, params)
        assert seconds < 2, (path, params, seconds)
        if path == "/en/search/":
            assert NOTICE in body, params
    assert city.title in answers[0][1]
    assert "Dakar" in answers[CONCURRENT - 2][1]
    assert health["checks"]["search_engine"]["breaker"]["state"] == "open"
    assert health["status"] == "degraded"
    assert publish_seconds < 1


def run_worker(monkeypatch):
    """One pass of `manage.py db_worker` over the tasks that are due. Its check for stale
    connections would end the test's transaction, so that one check is left out here."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def found_by_engine(page) -> bool:
    backend = language_backend(page.locale.language_code)
    refresh(backend)
    queryset = InitiativePage.objects.live().filter(locale=page.locale)
    return page.pk in ranked_ids(backend, "quokka", queryset, 10)


def test_an_update_made_while_the_engine_is_dead_is_applied_when_it_returns(
    engine, locales, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    city = MemberCityPage.objects.get(locale=locales["en"], slug="dakar")
    with override_settings(TASKS=DATABASE_TASKS):
        with engine_dead():
            page = InitiativePage(title="Outage harbour quokka", slug="outage-quokka", summary="Q.")
            started = time.monotonic()
            city.add_child(instance=page)
            page.save_revision().publish()
            assert time.monotonic() - started < 1
            assert DBTaskResult.objects.filter(task_path__endswith="update_page_index").exists()
            run_worker(monkeypatch)  # fails, and queues a retry
            client = Client()
            response = client.get("/en/search/", {"q": "quokka"})
            assert NOTICE in response.content.decode()
            assert "Outage harbour <mark>quokka</mark>" in response.content.decode()

        # The engine is back; nothing else is written: the worker alone catches up.
        assert not found_by_engine(page)
        deadline = time.monotonic() + 60
        while not found_by_engine(page):
            assert time.monotonic() < deadline, "not applied within 60 s of the engine's return"
            time.sleep(1)
            run_worker(monkeypatch)
        print(f"\napplied {60 - (deadline - time.monotonic()):.1f} s after the engine's return")
        response = Client().get("/en/search/", {"q": "quokka"})
        assert NOTICE not in response.content.decode()
        assert "Outage harbour <mark>quokka</mark>" in response.content.decode()


def test_the_breaker_is_shared_through_the_cache_and_closes_after_the_cooldown(engine):
    from django.core.cache import cache

    with breaker_on(cooldown=1):
        with engine_dead():
            response = Client().get("/en/search/", {"q": "water"})
            assert NOTICE in response.content.decode()
        # Every process reads the same cache entry: until it expires, none asks the engine.
        assert cache.get(breaker.CACHE_KEY) > time.time()
        assert NOTICE in Client().get("/en/search/", {"q": "water"}).content.decode()
        time.sleep(1.1)
        assert not breaker.is_open()
        assert NOTICE not in Client().get("/en/search/", {"q": "water"}).content.decode()
