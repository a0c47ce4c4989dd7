"""Page-load benchmark: every public page type in each language, at the demo's size and at 50,000
case studies, served as in production, side by side with Wagtail's bakerydemo.

    make bench-pages            # or: .venv/bin/python bench/pages.py [--sizes demo 50000]
    BENCH_PAGES_SECONDS=3 make bench-pages          # a quick run: 3 s of load per page
    .venv/bin/python bench/pages.py --no-load       # check that everything answers; writes nothing

For each size it
1. takes the database with that content (bench/databases.py: built once for the code, reused),
   searched by Wagtail's database backend (no engine);
2. counts each page's SQL queries in-process, with Django's test client on a warm site (every
   page requested once first);
3. serves it with gunicorn as deploy/gunicorn.conf.py configures it, two workers, under production
   settings (DEBUG off, static files collected and served by WhiteNoise), with no page cache in
   front;
4. loads each page with `wrk -t2 -c10 -d15s`, each run followed by one on a bakerydemo page
   (bench/bakerydemo.py), so both sites are measured in turn in the same minutes; where the
   workspace has no bakerydemo bundle, it says so and measures the project alone.

The results go to the "Pages" section of docs/benchmarks.md. Every server is stopped at the end,
even when the run fails.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bakerydemo  # noqa: E402 - the checkout is importable only from here on
from bench.databases import DEMO, WORKDIR, content_database, environment  # noqa: E402
from bench.load import NO_CONTROL_SOCKET, free_port, get, require_wrk, serving, wrk  # noqa: E402

LANGUAGES = ("en", "fr", "es")
# The search page's query in each language: a word many case studies use, as "bread" is for
# bakerydemo.
SEARCH_WORDS = {"en": "housing", "fr": "logement", "es": "vivienda"}
# The bakerydemo page each page type is compared with: detail pages with its bread page, listings
# with its blog index.
ANCHOR_OF = {
    "home": "home",
    "region": "blog index",
    "city": "bread page",
    "standard page": "bread page",
    "initiative": "bread page",
    "solution": "bread page",
    "case library": "blog index",
    "case library, three filters": "blog index",
    "case library, page 3": "blog index",
    "search": "search",
}
SECRET_KEY = secrets.token_urlsafe(50)
STATIC_ROOT = WORKDIR / "static"
RESULTS = WORKDIR / "pages.json"
LOGS = WORKDIR / "logs"


def site_environment(database: Path) -> dict:
    """Production settings on a benchmark database, over plain HTTP on the loopback."""
    return environment(
        database,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",  # no TLS proxy in front here
        STATIC_ROOT=str(STATIC_ROOT),
    )


def step(message: str):
    print(f"\n== {message}", flush=True)


# The pages and their queries, in a process set up for one database -----------------------------


def count_queries(output: Path):
    """Write each page's URL and SQL query count, warm, for every language, to `output`."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from bench.generate import CaseStudyGenerator
    from bench.public_pages import public_urls

    pages = []
    for language in LANGUAGES:
        with translation.override(language):
            search = reverse("search")
        urls = public_urls(language)
        urls["search"] = f"{search}?{urlencode({'q': SEARCH_WORDS[language]})}"
        pages += [{"page": page, "language": language, "url": url} for page, url in urls.items()]
    client = Client()
    for page in pages:  # warm: what every page shares is cached once the site has served it
        client.get(page["url"])
    for page in pages:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["url"])
        seconds = time.perf_counter() - started
        page.update(status=response.status_code, queries=len(queries))
        print(
            f"  {page['language']} {page['page']}: {len(queries)} queries ({seconds:.2f} s)",
            flush=True,
        )
    output.write_text(
        json.dumps({"case_studies": CaseStudyGenerator().case_study_count(), "pages": pages})
    )


def pages_of(database: Path) -> dict:
    """The pages to load on this database, with their SQL query counts."""
    return on_cold_site(database, __file__, "--count-queries")


def on_cold_site(database: Path, script: str, option: str) -> dict:
    """What `script option OUTPUT` writes to OUTPUT as JSON, run under the site's environment on
    `database` with the site's cache emptied first."""
    shutil.rmtree(site_environment(database)["CACHE_DIR"], ignore_errors=True)  # a cold site
    output = WORKDIR / f"{Path(script).stem}{option}.json"
    subprocess.run(
        [sys.executable, script, option, str(output)],
        cwd=ROOT,
        env=site_environment(database),
        check=True,
    )
    found = json.loads(output.read_text())
    output.unlink()
    return found


# Serving ---------------------------------------------------------------------------------------


def collect_static():
    step("Static files, collected as in production (WhiteNoise's compressed manifest)")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=site_environment(WORKDIR / "none.sqlite3"),  # collectstatic reads no database
        check=True,
    )


def project_server(database: Path, port: int, application="cms.wsgi:application", log="project"):
    command = [sys.executable, "-m", "gunicorn", application]
    command += ["--config", "deploy/gunicorn.conf.py", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    command += NO_CONTROL_SOCKET
    return serving(
        "the project",
        command,
        f"http://127.0.0.1:{port}",
        ROOT,
        site_environment(database),
        LOGS / f"{log}.log",
    )


def anchor_server(port: int):
    command, env = bakerydemo.server(port)
    return serving(
        "bakerydemo",
        command,
        f"http://127.0.0.1:{port}",
        bakerydemo.HOME,
        env,
        LOGS / "bakerydemo.log",
    )


def warm(base: str, paths: list[str]) -> dict[str, str]:
    """Each page twice, in parallel, so that both workers have likely served it. Returns what went
    wrong with the pages that did not answer 200 every time."""

    def fetch(path):
        try:
            return path, get(base + path)[0]
        except OSError as error:
            return path, str(error)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(fetch, paths * 2))
    return {path: f"answered {status}" for path, status in answers if status != 200}


def set_up_anchor() -> dict | None:
    """bakerydemo, ready to serve, or None (with the reason printed) where it cannot be."""
    step("bakerydemo")
    source = bakerydemo.bundle()
    if source is None:
        print(
            "  skipped: no ../shared/anchors/bakerydemo.bundle beside this checkout or the main "
            "one; the results are written without ratios.",
            flush=True,
        )
        return None
    bakerydemo.set_up(source)
    return {"commit": bakerydemo.commit(), "pages": bakerydemo.page_count()}


# One size --------------------------------------------------------------------------------------


def measure_size(size, anchor, seconds: int, load: bool) -> dict:
    label = "demo content" if size == DEMO else f"{int(size):,} case studies"
    step(f"The {label}: database")
    database = content_database(size)
    step(f"The {label}: SQL queries per page, in-process, warm")
    counted = pages_of(database)
    result = {"label": label, "size": size, **counted, "anchor": {}}
    step(f"The {label}: served by gunicorn" + (", beside bakerydemo" if anchor else ""))
    with ExitStack() as servers:
        site = servers.enter_context(project_server(database, free_port()))
        pages = answering_pages(site.base, counted["pages"])
        anchor_site = servers.enter_context(anchor_server(free_port())) if anchor else None
        anchor_pages = answering_anchor_pages(anchor_site.base) if anchor_site else {}
        result["anchor"] = {name: [] for name in anchor_pages}
        if not load:
            print("  the other pages answer 200 (no load: --no-load)", flush=True)
            return result
        # Each run on a page of ours is followed by one on a bakerydemo page, in turn.
        names = list(anchor_pages)
        for index, page in enumerate(pages):
            page.update(load_page(site, page["url"], seconds))
            show(f"{page['language']} {page['page']}", page)
            if names:
                name = names[index % len(names)]
                run = load_page(anchor_site, anchor_pages[name], seconds)
                result["anchor"][name].append(run)
                show(f"   bakerydemo {name}", run)
    return result


def load_page(site, path: str, seconds: int) -> dict:
    """wrk's figures for one page, once the server is at rest again."""
    run = wrk(site.base + path, seconds)
    waited = site.wait_until_idle()
    if waited > 2:
        print(f"  ({waited:.0f} s until the server was at rest again)", flush=True)
    return run


def answering_pages(base: str, pages: list[dict]) -> list[dict]:
    """The pages that answer 200, in-process and from the server; the others are marked failed."""
    failures = warm(base, [page["url"] for page in pages])
    for page in pages:
        failure = (
            f"answered {page['status']} in-process"
            if page["status"] != 200
            else failures.get(page["url"])
        )
        if failure:
            page["failed"] = failure
            print(f"  {page['language']} {page['page']} {failure}: not loaded", flush=True)
    return [page for page in pages if "failed" not in page]


def answering_anchor_pages(base: str) -> dict[str, str]:
    failures = warm(base, list(bakerydemo.PAGES.values()))
    for name, path in bakerydemo.PAGES.items():
        if path in failures:
            print(f"  bakerydemo {name} {failures[path]}: left out", flush=True)
    return {name: path for name, path in bakerydemo.PAGES.items() if path not in failures}


def show(name: str, run: dict):
    p50 = f"{run['p50_ms']:.0f} ms" if run["p50_ms"] is not None else "none completed"
    errors = f", {run['errors']} errors" if run["errors"] else ""
    print(f"  {name}: {run['rps']:.1f} req/s, p50 {p50}{errors}", flush=True)


# Report ----------------------------------------------------------------------------------------


def anchor_figures(runs: list[dict]) -> dict | None:
    """bakerydemo's figures for one page: the median of its runs beside one size."""
    if not runs:
        return None
    p50s = [run["p50_ms"] for run in runs if run["p50_ms"] is not None]
    return {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50_ms": statistics.median(p50s) if p50s else None,
        "runs": len(runs),
        "errors": sum(run["errors"] for run in runs),
    }


def milliseconds(value) -> str:
    return "—" if value is None else f"{value:,.0f}"


def rate(run: dict) -> str:
    if "failed" in run:
        return f"not loaded: {run['failed']}"
    errors = f" ({run['errors']:,} errors)" if run["errors"] else ""
    return f"{run['rps']:,.1f}{errors}"


def report(sizes: list[dict], anchor: dict | None, seconds: int) -> str:
    from bench.load import WRK_ARGS
    from bench.report import machine

    command = f"wrk {' '.join(arg for arg in WRK_ARGS if arg != '--latency')} -d{seconds}s"
    lines = [
        "## Pages",
        "",
        "Every public page type in each language, served as in production: gunicorn with two "
        "worker processes as `deploy/gunicorn.conf.py` configures them (threaded, eight threads "
        "each), production settings (`DEBUG` off, static files collected and served by "
        "WhiteNoise), no page cache in front, SQLite, and Wagtail's database search backend (no "
        f"engine). Each page is loaded with `{command}` after a warm-up; *p50* is wrk's median "
        "latency. *SQL queries* are counted in-process with Django's test client on a warm site "
        "(every page requested once first). The case library's filters are a region, a theme "
        "and a status together; the search page searches one common word in the page's "
        "language.",
        "",
    ]
    if anchor:
        lines += [
            f"Wagtail's bakerydemo (commit {anchor['commit']}, {anchor['pages']:,} pages made by "
            "`create_random_data 1250 50 0`) is served beside it as its README does (gunicorn, "
            "two workers, its production settings) and loaded in turn: each run on a page of ours "
            "is followed by one on a bakerydemo page, so both are measured in the same minutes. "
            "*× bakerydemo* is our requests per second over bakerydemo's on the comparable page "
            "(the median of its runs beside the same size): detail pages (city, organisation "
            "page, initiative, solution) against its bread page, the home page against its home "
            "page, listings (region, case library) against its blog index, search against its "
            "search for `bread`.",
            "",
            "Targets (issue 14): detail pages at least 1.5× bakerydemo's bread page at both "
            "sizes; home, region, city and case library at least 50 requests/s at 50,000 case "
            "studies; at most 20 SQL queries per page, the same at both sizes.",
            "",
        ]
    else:
        lines += [
            "bakerydemo was not measured (its bundle, `../shared/anchors/bakerydemo.bundle`, was "
            "absent), so there are no ratios.",
            "",
        ]
    for size in sizes:
        figures = {name: anchor_figures(runs) for name, runs in size["anchor"].items()}
        lines += [
            f"### {size['label'].capitalize()}"
            + (f" ({size['case_studies']:,} case studies)" if size["size"] == DEMO else ""),
            "",
            "| Page | Language | Path | Requests/s | p50 (ms) | SQL queries | × bakerydemo |",
            "| --- | --- | --- | ---: | ---: | ---: | --- |",
        ]
        order = list(ANCHOR_OF)
        for page in sorted(size["pages"], key=lambda page: order.index(page["page"])):
            reference = figures.get(ANCHOR_OF[page["page"]])
            ratio = (
                f"{page['rps'] / reference['rps']:.2f}× {ANCHOR_OF[page['page']]}"
                if reference and reference["rps"] and "failed" not in page
                else "—"
            )
            lines.append(
                f"| {page['page']} | {page['language']} | `{page['url']}` | {rate(page)} "
                f"| {milliseconds(page.get('p50_ms'))} | {page['queries']} | {ratio} |"
            )
        lines.append("")
    if anchor:
        lines += [
            "### bakerydemo, loaded in turn with each size",
            "",
            "| Page | Path | "
            + " | ".join(f"Beside the {size['label']}: requests/s, p50 (ms)" for size in sizes)
            + " |",
            "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |",
        ]
        for name, path in bakerydemo.PAGES.items():
            cells = []
            for size in sizes:
                figure = anchor_figures(size["anchor"].get(name, []))
                cells.append(
                    f"{rate(figure)}, {milliseconds(figure['p50_ms'])} "
                    f"({figure['runs']} run{'s' if figure['runs'] > 1 else ''})"
                    if figure
                    else "—"
                )
            lines.append(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [
        "### Machine",
        "",
        *machine(
            "Database: SQLite, one file per size under .cache/bench/ (bench/databases.py)",
            "Both servers on this machine, loaded from it over the loopback",
        ),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=[DEMO, "50000"],
        help="'demo' (the demo content) and/or numbers of case studies",
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("BENCH_PAGES_SECONDS", "15")),
        help="duration of each wrk run (BENCH_PAGES_SECONDS; 15 by default)",
    )
    parser.add_argument(
        "--no-load",
        action="store_true",
        help="serve each size and fetch every page, without wrk; writes nothing",
    )
    parser.add_argument("--count-queries", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries(args.count_queries)
        return
    if not args.no_load:
        require_wrk()
    # A stop asked of the benchmark (SIGTERM) unwinds like an interruption: servers stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    LOGS.mkdir(parents=True, exist_ok=True)
    print("Search: Wagtail's database backend (no engine), on SQLite.")
    collect_static()
    anchor = set_up_anchor()
    sizes = [measure_size(size, anchor, args.seconds, not args.no_load) for size in args.sizes]
    if args.no_load:
        return
    RESULTS.write_text(json.dumps({"anchor": anchor, "sizes": sizes}, indent=1))
    from bench.report import write_section

    write_section("pages", report(sizes, anchor, args.seconds))


if __name__ == "__main__":
    main()
