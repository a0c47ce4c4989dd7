"""Search benchmark: query latency and full-rebuild speed at 10,000 and 50,000 case studies.

    make bench                     # or: .venv/bin/python bench/search.py --sizes 10000 50000

It builds its own SQLite database under .cache/bench/ (migrations, the demo content, then case
studies generated in bulk by bench/generate.py, a third per locale), and, for the database backend
and each engine whose URL is set (ELASTICSEARCH_URL, OPENSEARCH_URL; `make engines` starts both),
measures:

- a full `rebuild_search`, in documents per second, with each index's share;
- the latency of typical searches: two words in the visitor's language with two facet filters, as
  the search page runs them (ranking, filters, the six facets' counts and the first page of hits),
  and, separately, the engine's part alone (its one request, or the database backend's ranking).

The results and the machine's description are written to docs/benchmarks.md. Engine indexes use
the prefix `metropolis_bench_`, so a developer's own indexes are left alone.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".cache" / "bench"
sys.path.insert(0, str(ROOT))

QUERIES = {
    "en": [
        "flood risk",
        "public transport",
        "social housing",
        "air quality",
        "green spaces",
        "waste collection",
        "digital services",
        "drinking water",
        "climate adaptation",
        "urban mobility",
        "street lighting",
        "older residents",
    ],
    "fr": [
        "risque inondation",
        "transport public",
        "logement social",
        "qualité air",
        "espaces verts",
        "collecte déchets",
        "services numériques",
        "eau potable",
        "adaptation climatique",
        "mobilité urbaine",
        "éclairage public",
        "personnes âgées",
    ],
    "es": [
        "riesgo inundación",
        "transporte público",
        "vivienda social",
        "calidad aire",
        "espacios verdes",
        "recogida residuos",
        "servicios digitales",
        "agua potable",
        "adaptación climática",
        "movilidad urbana",
        "alumbrado público",
        "personas mayores",
    ],
}
FACET_PAIRS = [("theme", "region"), ("theme", "status"), ("type", "region"), ("sdg", "status")]
TARGETS = {"p95_ms": 50, "python_p95_ms": 14, "documents_per_second": 1000}
MACHINE_DETAILS = (
    "Database: SQLite (the embedded default), one file under .cache/bench/",
    "Engines: as `scripts/search-engine` starts them (512 MB heap each, one node), both running "
    "during every measurement",
)


def configure_django():
    from bench.databases import environment

    # Adds the benchmark database's settings; the engines' URLs stay set, for the engines'
    # measurements.
    os.environ.update(environment(WORKDIR / "bench.sqlite3"))
    import django

    django.setup()


# Set-ups ---------------------------------------------------------------------------------------


def setups() -> dict[str, dict]:
    from search.engines import all_backends

    return all_backends()


def use(backends: dict):
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = backends


def engine_version(backends: dict) -> str:
    from wagtail.search.backends import get_search_backend

    use(backends)
    if "en" not in backends:
        from django.db import connection

        return f"SQLite {connection.Database.sqlite_version} (FTS5)"
    info = get_search_backend("en").es.info()
    distribution = info["version"].get("distribution", "elasticsearch")
    names = {"elasticsearch": "Elasticsearch", "opensearch": "OpenSearch"}
    return f"{names.get(distribution, distribution)} {info['version']['number']}"


# Data ------------------------------------------------------------------------------------------


def prepare_database(fresh: bool):
    """A fresh run starts from a copy of the demo database (bench/databases.py), built once."""
    from django.core.management import call_command

    from bench.databases import content_database

    if fresh:
        step("Database and demo content")
        shutil.copyfile(content_database(), WORKDIR / "bench.sqlite3")
    use({"default": {"BACKEND": "wagtail.search.backends.database"}})
    call_command("migrate", verbosity=0)


# Measurements ----------------------------------------------------------------------------------


def measure_rebuild(backends: dict) -> dict:
    """Time a full rebuild for this set-up (what `rebuild_search` runs), with each index's share."""
    from search.index import rebuild_all

    use(backends)
    started = time.perf_counter()
    rebuilt = rebuild_all()
    seconds = time.perf_counter() - started
    documents = {}
    for index in rebuilt:
        documents[index.label] = documents.get(index.label, 0) + index.documents
    print(f"  rebuild: {sum(documents.values()):,} documents in {seconds:.1f} s ({documents})")
    return {"indexes": documents, "documents": sum(documents.values()), "seconds": seconds}


def settle(backends: dict, timeout: int = 300):
    """Wait for the engine to finish merging the segments a rebuild wrote. A rebuild is rare, and
    visitors search an index at rest; searches measured during the merges that follow a bulk load
    time the merges as well."""
    from wagtail.search.backends import get_search_backend

    use(backends)
    if "en" not in backends:
        return
    backend = get_search_backend("default")
    indexes = f"{backend.index_prefix}*"
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        stats = backend.es.indices.stats(index=indexes, metric="merge")
        if stats["_all"]["total"]["merges"]["current"] == 0:
            break
        time.sleep(1)
    backend.es.indices.refresh(index=indexes)
    print(f"  engine at rest after {time.perf_counter() - started:.1f} s")


def query_plan(count: int, seed: int = 7) -> list[tuple[str, dict]]:
    """(language, query parameters): two words, two facets with values that exist."""
    from django.http import QueryDict
    from wagtail.models import Locale

    from initiatives.filters import CaseStudyFilter

    rng = random.Random(seed)
    values = {}
    for code in QUERIES:
        known = CaseStudyFilter(QueryDict(), Locale.objects.get(language_code=code))
        values[code] = {
            param: list(known.known_values(param)) for pair in FACET_PAIRS for param in pair
        }
    plan = []
    for index in range(count):
        code = list(QUERIES)[index % len(QUERIES)]
        params = QueryDict(mutable=True)
        params["q"] = rng.choice(QUERIES[code])
        for param in rng.choice(FACET_PAIRS):
            params[param] = rng.choice(values[code][param])
        plan.append((code, params))
    return plan


def measure_queries(backends: dict, plan, warmup: int) -> dict:
    from django.utils import translation
    from wagtail.models import Locale, Page

    from initiatives.filters import CaseStudyFilter
    from search.faceting import EngineFacetedSearch
    from search.index import database_backend, language_backend, ranked_ids
    from search.query import MAX_HITS, RESULTS_PER_PAGE, SiteSearch, normalise_query

    use(backends)
    page_times, engine_times, python_times, results = [], [], [], []
    locales = {code: Locale.objects.get(language_code=code) for code in QUERIES}
    for index, (code, params) in enumerate(plan[:warmup] + plan):
        translation.activate(code)
        started = time.perf_counter()
        search = SiteSearch(params, code)
        page = search.page_of_hits(1)
        search.case_filter.facets()
        search.case_filter.active_filters()
        page_time = time.perf_counter() - started

        # The engine's part alone: the request the search page makes (with an engine: ranking,
        # filters, facet counts and the first page), or the database backend's ranking.
        backend = language_backend(code)
        queryset = Page.objects.live().public().filter(locale=locales[code])
        terms = normalise_query(params["q"])
        if backend is None:
            started = time.perf_counter()
            ranked_ids(database_backend(code), terms, queryset, MAX_HITS)
        else:
            case_filter = CaseStudyFilter(params, locales[code])
            lazy_results = backend.search(terms, queryset, operator="and")
            started = time.perf_counter()
            EngineFacetedSearch(backend, lazy_results, case_filter, search.sort, RESULTS_PER_PAGE)
        engine_time = time.perf_counter() - started
        if index >= warmup:
            page_times.append(page_time * 1000)
            engine_times.append(engine_time * 1000)
            python_times.append(max(page_time - engine_time, 0) * 1000)
            results.append(page.paginator.count)
    translation.deactivate()
    return {
        "search": percentiles(page_times),
        "engine": percentiles(engine_times),
        "python": percentiles(python_times),
        "results": statistics.mean(results),
        "queries": len(page_times),
    }


def percentiles(samples: list[float]) -> dict:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": cuts[94]}


# Report ----------------------------------------------------------------------------------------


def write_report(rows, versions: dict, queries: int, database_queries: int, output: Path):
    from bench.report import machine, write_section

    lines = [
        "## Search",
        "",
        "Typical searches: two words in the visitor's language (English, French or Spanish in "
        "turn) with two facet filters (theme and region, theme and status, type and region, or "
        f"goal and status), the same sequence on every backend: the first {queries} on each "
        f"engine and the first {database_queries} on the database backend, after a warm-up. "
        "*Search* is what the "
        "search page computes before rendering: the ranking, the filters, the six facets' "
        "counts and the first page of hits. *Engine* is the engine's part alone: the one request "
        "in which the engine ranks, filters, counts the facets and returns the first page "
        "(`search.faceting.EngineFacetedSearch`); on the database backend, the ranking "
        "(`search.index.ranked_ids`, up to 1,000 hits). *Results* is the mean number of results "
        "after the filters. *Python* is the search less the engine's part, measured query by "
        "query: what the project's own code adds. Searches are measured once the engine has "
        "finished merging the "
        "segments the rebuild wrote. The rebuild "
        "writes every index of the set-up: with an engine, the site-wide index, the database "
        "fallback and one index per language.",
        "",
        f"Targets at 50,000 case studies: search p95 at most {TARGETS['p95_ms']} ms on "
        f"Elasticsearch, with a Python p95 of at most {TARGETS['python_p95_ms']} ms (half of "
        "the 28 ms measured before issue 14's work); a full rebuild of at least "
        f"{TARGETS['documents_per_second']} documents/s.",
        "",
        "| Case studies | Backend | Search p50 (ms) | Search p95 (ms) | Engine p50 (ms) "
        "| Engine p95 (ms) | Python p50 (ms) | Python p95 (ms) | Results | Rebuild documents "
        "| Rebuild (s) | Documents/s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        q, r = row["queries"], row["rebuild"]
        lines.append(
            f"| {row['size']:,} | {versions[row['backend']]} | {q['search']['p50']:.1f} "
            f"| {q['search']['p95']:.1f} | {q['engine']['p50']:.1f} | {q['engine']['p95']:.1f} "
            f"| {q['python']['p50']:.1f} | {q['python']['p95']:.1f} "
            f"| {q['results']:.0f} | {r['documents']:,} "
            f"| {r['seconds']:.1f} | {r['documents'] / r['seconds']:,.0f} |"
        )
    lines += ["", "### What each rebuild wrote", ""]
    lines += ["One pass reads each object once and writes it to every index that holds it.", ""]
    lines += ["| Case studies | Backend | Documents per index |", "| ---: | --- | --- |"]
    for row in rows:
        indexes = ", ".join(
            f"{label} {count:,}" for label, count in row["rebuild"]["indexes"].items()
        )
        lines.append(f"| {row['size']:,} | {versions[row['backend']]} | {indexes} |")
    lines += ["", "### Machine", "", *machine(*MACHINE_DETAILS)]
    write_section("search", "\n".join(lines), output)


def step(message: str):
    print(f"\n== {message}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--queries", type=int, default=300, help="measured searches per row")
    parser.add_argument(
        "--database-queries",
        type=int,
        default=10,
        help="measured searches per row on the database backend, whose broad searches take "
        "seconds at 50,000 case studies",
    )
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    configure_django()
    from bench.databases import grow
    from bench.generate import CaseStudyGenerator

    prepare_database(fresh=not args.reuse)
    generator = CaseStudyGenerator()
    available = setups()
    versions = {name: engine_version(backends) for name, backends in available.items()}
    print("Backends:", ", ".join(versions.values()))
    rows = []
    for size in sorted(args.sizes):
        grow(generator, size)
        plan = query_plan(args.queries)
        for name, backends in available.items():
            step(f"{size:,} case studies on {versions[name]}")
            rebuild = measure_rebuild(backends)
            settle(backends)
            engine = "en" in backends
            count = args.queries if engine else args.database_queries
            warmup = args.warmup if engine else min(args.warmup, 5)
            queries = measure_queries(backends, plan[:count], warmup)
            print(
                f"  search p50 {queries['search']['p50']:.1f} ms, p95 {queries['search']['p95']:.1f} ms;"
                f" engine p50 {queries['engine']['p50']:.1f} ms, p95 {queries['engine']['p95']:.1f} ms"
            )
            rows.append({"size": size, "backend": name, "rebuild": rebuild, "queries": queries})
    write_report(rows, versions, args.queries, args.database_queries, args.output)


if __name__ == "__main__":
    main()
