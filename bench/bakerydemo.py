"""Wagtail's bakerydemo, the anchor the page benchmark measures against, set up from the git bundle in
the workspace's shared folder (`../shared/anchors/`, whose README says how) into
.cache/bench/bakerydemo, with its own virtual environment and about 5,000 pages. Each step is
skipped once done; delete the folder to start again.

It is a reference to measure against, never code to copy into the project.
"""

import os
import secrets
import shutil
import subprocess
from pathlib import Path

from bench.databases import ROOT, WORKDIR
from bench.load import NO_CONTROL_SOCKET

HOME = WORKDIR / "bakerydemo"
# Comparable with the project's pages (the anchors' README): two detail pages, home, an index,
# search.
PAGES = {
    "bread page": "/breads/anadama-bread/",
    "blog post": "/blog/wild-yeast/",
    "home": "/",
    "blog index": "/blog/",
    "search": "/search/?q=bread",
}
# Its production settings add WhiteNoise, which is in its production requirements, not in
# base.txt; gunicorn serves it as the anchors' README does.
EXTRA_REQUIREMENTS = ["gunicorn", "whitenoise>=6.11.0,<7"]
# Django 6 needs Python 3.12 or later: not the project's own interpreter.
PYTHON = "python3"
# What its processes keep of the environment: the tools and the package index's settings, none of
# the variables its settings read (a developer's DATABASE_URL is the project's, not its).
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
KEPT_PREFIXES = (
    "PIP_",
    "PYENV",
    "SSL_CERT",
    "REQUESTS_CA",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
)


def environment(**extra) -> dict:
    kept = {
        name: value
        for name, value in os.environ.items()
        if name in KEPT_VARIABLES or name.upper().startswith(KEPT_PREFIXES)
    }
    return {**kept, **extra}


def bundle() -> Path | None:
    """The bundle in `../shared/anchors/`, beside this checkout or beside the main checkout (a
    worktree's `..` is not the workspace), or None."""
    common = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    checkouts = [ROOT] + ([Path(common).parent] if common else [])
    for checkout in checkouts:
        candidate = checkout.parent / "shared" / "anchors" / "bakerydemo.bundle"
        if candidate.is_file():
            return candidate
    return None


def _run(step: str, command: list):
    print(f"  bakerydemo: {step}", flush=True)
    subprocess.run(command, cwd=HOME, env=environment(), check=True)


def _once(step: str, marker: str, command: list):
    """Run a step that must not run twice (it adds content), remembered by a marker file."""
    done = HOME / ".bench" / marker
    if done.exists():
        print(f"  bakerydemo: {step} (done before)", flush=True)
        return
    _run(step, command)
    done.parent.mkdir(exist_ok=True)
    done.touch()


def set_up(source: Path):
    """Clone, install, migrate, load the initial data and about 5,000 pages, collect static
    files: each as the anchors' README says, each skipped once done."""
    if not (HOME / ".git").exists():
        print(f"  bakerydemo: cloning {source}", flush=True)
        shutil.rmtree(HOME, ignore_errors=True)
        subprocess.run(["git", "clone", "-q", "-b", "main", str(source), str(HOME)], check=True)
    python = HOME / ".venv" / "bin" / "python"
    if not python.exists():
        _run("virtual environment", [PYTHON, "-m", "venv", ".venv"])
    _once(
        "installing requirements/base.txt",
        "installed",
        [python, "-m", "pip", "install", "-q", "-r", "requirements/base.txt"] + EXTRA_REQUIREMENTS,
    )
    _run("migrate", [python, "manage.py", "migrate", "--noinput", "-v", "0"])
    _once("load_initial_data", "initial-data", [python, "manage.py", "load_initial_data"])
    _once(
        "create_random_data 1250 50 0 (about 5,000 pages)",
        "random-data",
        [python, "manage.py", "create_random_data", "1250", "50", "0"],
    )
    _run("collectstatic", [python, "manage.py", "collectstatic", "--noinput", "-v", "0"])


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HOME, capture_output=True, text=True
    ).stdout.strip()


def page_count() -> int:
    python = HOME / ".venv" / "bin" / "python"
    counted = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from wagtail.models import Page; print(Page.objects.count())",
        ],
        cwd=HOME,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(counted.stdout.split()[-1])


def server(port: int) -> tuple[list[str], dict]:
    """The command and environment that serve it under its production settings, as the anchors'
    README does: gunicorn, two workers."""
    env = environment(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40)[:50],
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    command = [str(HOME / ".venv" / "bin" / "gunicorn"), "bakerydemo.wsgi:application"]
    return command + ["-w", "2", "-b", f"127.0.0.1:{port}", *NO_CONTROL_SOCKET], env
