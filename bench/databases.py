"""The benchmarks' content: SQLite databases under .cache/bench/, each built once for the code that
builds it and reused by every benchmark (bench/search.py, bench/pages.py).

- `demo`: the demo content as `make run` loads it (migrations, then `load_demo_content`, which
  ends by rebuilding the search and reference indexes);
- `cases-N`: a copy of it grown to N case studies by bench/generate.py, with its database search
  index rebuilt.

A file's name carries a fingerprint of the code that decides its rows (migrations, models, the
demo loader and its data, the generator, search indexing, the locked dependencies): after a change
to any of them the next run builds a new file and removes the stale one; otherwise it is reused.
Each is built in a process of its own, on the database search backend (no engine needed), so a
benchmark that has already set Django up for another database can ask for one.

    .venv/bin/python -m bench.databases demo       # or a number of case studies: 50000
"""

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".cache" / "bench"
DEMO = "demo"
# Variables that would put a search engine in front of the database backend (search/config.py).
ENGINE_VARIABLES = ("ELASTICSEARCH_URL", "OPENSEARCH_URL")
# What the rows depend on. Templates, styles, catalogues, tests and docs do not change them.
SKIPPED_PARTS = {"tests", "templates", "static", "locale", "docs", "scripts", "deploy", "bench"}
FINGERPRINTED_SUFFIXES = (".py", ".toml")
FINGERPRINTED_FILES = ("bench/generate.py", "bench/databases.py", "requirements/base.txt")


def source_digest(include: Callable[[Path], bool]) -> str:
    """A short hash of the checkout's files that `include` accepts (given their path relative to
    the checkout), as they are on disk: tracked ones, and new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    digest = hashlib.sha256()
    for name in sorted(filter(None, listed)):
        path = ROOT / name.decode()
        if include(path.relative_to(ROOT)) and path.is_file():
            digest.update(name + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def decides_content(path: Path) -> bool:
    """Whether a file can change the rows of a benchmark database."""
    return str(path) in FINGERPRINTED_FILES or (
        path.suffix in FINGERPRINTED_SUFFIXES
        and len(path.parts) > 1
        and not SKIPPED_PARTS.intersection(path.parts)
    )


def fingerprint() -> str:
    return source_digest(decides_content)


def name_of(size) -> str:
    return DEMO if size in (None, DEMO) else f"cases-{int(size)}"


def path_of(size) -> Path:
    return WORKDIR / f"{name_of(size)}-{fingerprint()}.sqlite3"


def environment(database: Path, **overrides) -> dict:
    """The environment of a Django process on `database`: the database search backend, the
    benchmarks' media, and a cache of its own (what the site caches belongs to one database)."""
    env = {name: value for name, value in os.environ.items() if name not in ENGINE_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DEBUG": "0",  # no query log: it would grow with every query and slow them
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": str(WORKDIR / "media"),
            "CACHE_DIR": str(WORKDIR / "cache" / database.name.removesuffix(".partial")),
            "SEARCH_INDEX_PREFIX": "metropolis_bench_",
            "TASK_BACKEND": "immediate",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def content_database(size=DEMO) -> Path:
    """The database with the demo content, or grown to `size` case studies; built if missing."""
    path = path_of(size)
    if path.exists():
        print(f"  {name_of(size)}: reusing {path.relative_to(ROOT)}", flush=True)
        return path
    if size not in (None, DEMO):
        content_database(DEMO)
    print(f"  {name_of(size)}: building {path.relative_to(ROOT)}", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.databases", name_of(size).removeprefix("cases-")],
        cwd=ROOT,
        env=environment(path.with_name(path.name + ".partial")),
        check=True,
    )
    return path


def grow(generator, size: int):
    """Add case studies (bench/generate.py) until there are `size`, then refresh SQLite's
    statistics."""
    from core.db import analyze

    print(f"  case studies: growing to {size:,}", flush=True)

    def progress(done, total):
        print(f"\r  {done:,}/{total:,} added", end="", flush=True)

    added = generator.grow_to(size, progress)
    analyze()
    print(f"\r  {added:,} added, {generator.case_study_count():,} case studies in all", flush=True)


def _build(size: str):
    """In the child process that `content_database` starts, on the `.partial` file its
    environment names: build, then move into place (an interrupted build is started again)."""
    partial = Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
    final = partial.with_name(partial.name.removesuffix(".partial"))
    partial.unlink(missing_ok=True)
    shutil.rmtree(os.environ["CACHE_DIR"], ignore_errors=True)
    WORKDIR.mkdir(parents=True, exist_ok=True)
    if size != DEMO:
        shutil.copyfile(path_of(DEMO), partial)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if size == DEMO:
        call_command("load_demo_content")
    else:
        from bench.generate import CaseStudyGenerator

        grow(CaseStudyGenerator(), int(size))
        call_command("rebuild_search")
    from django.db import connection

    connection.close()
    for stale in WORKDIR.glob(f"{name_of(size)}-*.sqlite3"):
        stale.unlink()
        shutil.rmtree(WORKDIR / "cache" / stale.name, ignore_errors=True)
    partial.rename(final)


if __name__ == "__main__":
    _build(sys.argv[1])
