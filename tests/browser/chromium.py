"""Debian's Chromium as the browser tests and the page-weight benchmark (bench/weights.py) launch
it through Playwright: never a browser build of Playwright's own."""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags that keep Chromium from reaching out to the network on a closed machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A common phone's screen, in CSS pixels: what page weights are measured at.
PHONE = {"width": 390, "height": 844}


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def transferred_bytes(page, url: str) -> list[dict]:
    """Load `url` in `page` (a fresh context: an empty cache), scroll to the bottom as a reader
    would so that lazy images load, and return each request's resource type, URL, content type
    and bytes transferred (headers and body as sent, compressed or not)."""
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await new Promise((done) => setTimeout(done, 50));
            }
            window.scrollTo(0, document.body.scrollHeight);
        }"""
    )
    page.wait_for_load_state("networkidle")
    loaded = []
    for request in responses:
        response = request.response()
        sizes = request.sizes()
        loaded.append(
            {
                "type": request.resource_type,
                "url": request.url,
                "status": response.status if response else None,
                "content_type": (response.headers.get("content-type", "") if response else ""),
                "bytes": max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0),
            }
        )
    return loaded
