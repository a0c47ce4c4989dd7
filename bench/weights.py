"""Page weights: what a visitor's phone downloads on a first visit to each public page type.

    make bench-weights          # or: .venv/bin/python bench/weights.py

It
1. takes the demo content's database (bench/databases.py: built once for the code, reused);
2. times the first view of the case library and of a city page with none of their image
   renditions made yet (in-process, Django's test client), then a second view;
3. serves it as bench/pages.py does (gunicorn, production settings, static files collected and
   served by WhiteNoise), with uploaded media served beside it as nginx serves them in production
   (bench/media_wsgi.py);
4. loads every public page type in English, French and Spanish (bench/public_pages.py) in Debian's
   Chromium, headless, at 390 × 844 CSS pixels, each in a new browser context (an empty cache),
   scrolls it to the bottom so that lazy images load as they would for a visitor who reads the
   whole page, and adds up the bytes transferred, by type.

The results go to the "Page weights" section of docs/benchmarks.md. The server stops at the end,
even when the run fails.
"""

import argparse
import json
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import content_database  # noqa: E402 - importable from here on
from bench.load import free_port  # noqa: E402
from bench.pages import (  # noqa: E402
    LANGUAGES,
    LOGS,
    SEARCH_WORDS,
    collect_static,
    on_cold_site,
    project_server,
    step,
)  # noqa: E402

BUDGET_KIB = 150
# Playwright's resource types, grouped as the table shows them.
KINDS = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "image": "Images",
    "font": "Fonts",
}
COLUMNS = ["HTML", "CSS", "JS", "Images", "Fonts", "Other"]
COLD_PAGES = ("case library", "city", "initiative")
COLD_LANGUAGE = "fr"


# In a process set up for the database -----------------------------------------------------------


def pages_and_first_views(output: Path):
    """Write every public page's URL in each language, and the first and second views' times of
    the case library and a city page with no image rendition made yet, to `output`."""
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from wagtail.images import get_image_model

    from bench.public_pages import public_urls
    from demo.images import make_card_renditions

    urls = {}
    for language in LANGUAGES:
        urls[language] = public_urls(language)
        with translation.override(language):
            search = reverse("search")
        urls[language]["search"] = f"{search}?{urlencode({'q': SEARCH_WORDS[language]})}"
    renditions = get_image_model().get_rendition_model().objects.all()
    print(f"  removing {renditions.count():,} renditions: a cold start", flush=True)
    for rendition in renditions.iterator():
        rendition.delete()  # and its file
    encoding = encoding_timer(get_image_model())
    # What the demo loader makes at set-up, as after `make run`: the case-study cards' renditions.
    started = time.perf_counter()
    photographs = make_card_renditions(lambda *_: None)
    set_up = {
        "photographs": photographs,
        "seconds": time.perf_counter() - started,
        "renditions": renditions.count(),
        "encoding": encoding.seconds,
    }
    print(
        f"  the demo loader's card renditions: {set_up['renditions']} in {set_up['seconds']:.2f} s",
        flush=True,
    )
    client = Client()
    views = []
    for name in COLD_PAGES:
        url = urls[COLD_LANGUAGE][name]
        view = {"page": name, "url": url}
        for key in ("first", "second"):
            before, encoding.seconds = renditions.count(), 0.0
            started = time.perf_counter()
            response = client.get(url)
            view[key] = time.perf_counter() - started
            view[f"{key}_renditions"] = renditions.count() - before
            view[f"{key}_encoding"] = encoding.seconds
            assert response.status_code == 200, f"{url} answered {response.status_code}"
        views.append(view)
        print(
            f"  {name}: first view {view['first']:.2f} s ({view['first_renditions']} renditions "
            f"made in {view['first_encoding']:.2f} s of encoding), second {view['second']:.2f} s",
            flush=True,
        )
    output.write_text(json.dumps({"urls": urls, "set_up": set_up, "first_views": views}))


def encoding_timer(image_model):
    """Adds up the time the image model spends making rendition files (decoding the original,
    resizing, encoding), in every thread: Wagtail makes a page's renditions three at a time."""
    lock = threading.Lock()
    generate = image_model.generate_rendition_file

    def timed(image, *args, **kwargs):
        started = time.perf_counter()
        try:
            return generate(image, *args, **kwargs)
        finally:
            with lock:
                timed.seconds += time.perf_counter() - started

    timed.seconds = 0.0
    image_model.generate_rendition_file = timed
    return timed


# Serving and loading -----------------------------------------------------------------------------


def media_server(database: Path, port: int):
    """The project under production settings, with /media/ served beside it."""
    return project_server(database, port, "bench.media_wsgi:application", "weights")


def weigh(base: str, urls: dict[str, dict[str, str]]) -> list[dict]:
    """Each page's bytes by kind, loaded with an empty cache on a phone's screen."""
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import PHONE, launch, transferred_bytes

    pages = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for language, named in urls.items():
            for name, url in named.items():
                context = browser.new_context(viewport=PHONE)
                loaded = transferred_bytes(context.new_page(), base + url)
                context.close()
                kinds = Counter()
                for request in loaded:
                    kinds[KINDS.get(request["type"], "Other")] += request["bytes"]
                failed = [r["url"] for r in loaded if r["status"] is None or r["status"] >= 400]
                images = sorted({r["content_type"] for r in loaded if r["type"] == "image"})
                page = {
                    "page": name,
                    "language": language,
                    "url": url,
                    "bytes": dict(kinds),
                    "total": sum(kinds.values()),
                    "requests": len(loaded),
                    "image_types": images,
                    "failed": failed,
                }
                pages.append(page)
                print(
                    f"  {language} {name}: {page['total'] / 1024:.1f} KiB in "
                    f"{len(loaded)} requests" + (f", failed: {failed}" if failed else ""),
                    flush=True,
                )
        browser.close()
    return pages


# Report ------------------------------------------------------------------------------------------


def kib(value: int) -> str:
    return f"{value / 1024:.1f}"


def report(pages: list[dict], set_up: dict, first_views: list[dict]) -> str:
    from bench.report import machine

    heaviest = max(pages, key=lambda page: page["total"])
    over = [page for page in pages if page["total"] > BUDGET_KIB * 1024]
    lines = [
        "## Page weights",
        "",
        "What a visitor's phone downloads on a first visit: every public page type in each "
        "language, served as in production (as for *Pages* below: gunicorn, production settings, "
        "static files served compressed by WhiteNoise; uploaded media served beside them as nginx "
        "serves them, `deploy/nginx.conf`), loaded in Debian's Chromium, headless, at 390 × 844 "
        "CSS pixels (device pixel ratio 1), each page in a new browser context, so with an empty "
        "cache. Each page is scrolled to the bottom before its bytes are added up, so lazy "
        "images count as they load for a visitor who reads the whole page. Bytes are as "
        "transferred: headers and bodies, compressed where the server compresses. Images are "
        "the demo's photographs, drawn at 2400 × 1600 and saved as JPEG at quality 85 (about "
        "450 KB each), served through `{% picture %}` as AVIF, WebP or JPEG at the width the "
        "layout shows.",
        "",
        f"Target (the performance issue): every public page under {BUDGET_KIB} KiB. Heaviest: "
        f"{heaviest['page']} ({heaviest['language']}), {kib(heaviest['total'])} KiB; "
        + (
            f"{len(over)} page(s) over the target."
            if over
            else f"every page is under {BUDGET_KIB} KiB."
        ),
        "",
        "| Page | Language | Path | "
        + " | ".join(f"{column} (KiB)" for column in COLUMNS)
        + " | Total (KiB) | Requests | Image types |",
        "| --- | --- | --- | " + " | ".join("---:" for _ in COLUMNS) + " | ---: | ---: | --- |",
    ]
    for page in pages:
        cells = " | ".join(kib(page["bytes"].get(column, 0)) for column in COLUMNS)
        types = ", ".join(t.removeprefix("image/") for t in page["image_types"]) or "—"
        lines.append(
            f"| {page['page']} | {page['language']} | `{page['url']}` | {cells} "
            f"| {kib(page['total'])} | {page['requests']} | {types} |"
        )
    lines += [
        "",
        "### First views",
        "",
        "The time to render a page in-process (Django's test client, production settings) "
        "with none of its image renditions made yet but those the demo loader makes, as on the "
        "first view after `make run`, then the second view. Wagtail makes a rendition when a "
        "page first asks for it: each image on a page in three formats (AVIF, WebP, and JPEG or "
        "PNG) at two widths, three at a time. The demo's case studies share "
        f"{set_up['photographs']} photographs (demo/images.py), and the loader makes their "
        f"cards' {set_up['renditions']} renditions ({set_up['seconds']:.1f} s, "
        f"{set_up['encoding']:.1f} s of encoding), so a listing's first view makes none; a city "
        "page makes its banner's and logo's, a case study its photograph's. *Their encoding* "
        "adds up the time spent making rendition files (decoding the original, resizing, "
        "encoding) over the threads that make them.",
        "",
        "| Page | Path | First view (s) | Renditions made | Their encoding (s) | Second view (s) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for view in first_views:
        lines.append(
            f"| {view['page']} ({COLD_LANGUAGE}) | `{view['url']}` | {view['first']:.2f} "
            f"| {view['first_renditions']} | {view['first_encoding']:.2f} | {view['second']:.2f} |"
        )
    lines += [
        "",
        "### Machine",
        "",
        *machine(
            "Database: SQLite, the demo content under .cache/bench/ (bench/databases.py)",
            "Browser: Debian's Chromium through Playwright, on this machine, over the loopback",
        ),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages:
        pages_and_first_views(args.pages)
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    LOGS.mkdir(parents=True, exist_ok=True)
    collect_static()
    step("The demo content: database")
    database = content_database()
    step("First views, with no image rendition made yet")
    found = on_cold_site(database, __file__, "--pages")
    step("Page weights at 390 × 844, empty cache, scrolled to the bottom")
    with media_server(database, free_port()) as site:
        pages = weigh(site.base, found["urls"])
    from bench.report import write_section

    write_section("weights", report(pages, found["set_up"], found["first_views"]))
    over = [p for p in pages if p["total"] > BUDGET_KIB * 1024 or p["failed"]]
    if over:
        sys.exit(f"{len(over)} page(s) over {BUDGET_KIB} KiB or with failed requests; see above.")


if __name__ == "__main__":
    main()
