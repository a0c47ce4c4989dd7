"""The layout check: every public page type, in every language, on a desktop and on a phone, can be
read. No sideways scrolling, no words squeezed into a sliver, no serious accessibility fault.
Screenshots go to test-artifacts/layout/ so that a person can look at what the checks passed."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from cities.models import MemberCityPage, RegionalSectionPage
from home.models import HomePage, StandardPage
from initiatives.models import CaseLibraryPage, InitiativePage, SolutionPage

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SEARCH_WORDS = {"en": "water", "fr": "eau", "es": "agua"}
# Narrower than this, a box that holds running text is a layout fault (issue: key facts printed
# one character per line).
NARROWEST_TEXT_BOX = 120

# An element fails when its own text (its direct text nodes, not its children's) is laid out in a
# box narrower than NARROWEST_TEXT_BOX and either breaks a word of four or more letters across
# lines, or runs to more than three lines. Lines are read from the text's own line boxes
# (Range.getClientRects), so short labels such as "2024" or a badge never count, and neither
# does text that is not rendered (closed <details>, display:none) or visually hidden (1px).
SQUEEZED_TEXT_JS = """
(narrowest) => {
    const lineTops = (range) => new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
    ).size;
    const problems = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (["SCRIPT", "STYLE", "NOSCRIPT", "OPTION", "TEMPLATE"].includes(element.tagName)) continue;
        if (!element.checkVisibility({ visibilityProperty: true })) continue;
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || box.width >= narrowest) continue;
        const texts = [...element.childNodes].filter(
            (node) => node.nodeType === Node.TEXT_NODE && node.data.trim()
        );
        if (!texts.length) continue;
        let lines = 0;
        const broken = [];
        for (const text of texts) {
            const whole = document.createRange();
            whole.selectNodeContents(text);
            lines += lineTops(whole);
            for (const match of text.data.matchAll(/\\p{L}{4,}/gu)) {
                const word = document.createRange();
                word.setStart(text, match.index);
                word.setEnd(text, match.index + match[0].length);
                if (lineTops(word) > 1) broken.push(match[0]);
            }
        }
        const hasWord = texts.some((text) => /\\p{L}{4,}/u.test(text.data));
        if (broken.length || (hasWord && lines > 3)) {
            problems.push({
                element: element.tagName.toLowerCase() + (element.className ? "." + element.className : ""),
                width: Math.round(box.width),
                lines,
                broken,
                text: texts.map((text) => text.data.trim()).join(" ").slice(0, 60),
            });
        }
    }
    return problems;
}
"""

EAGER_IMAGES_JS = (
    "document.querySelectorAll('img[loading=lazy]').forEach((i) => (i.loading = 'eager'))"
)


def public_pages(language):
    """One address per public page type in a language, as a visitor would reach it."""
    in_language = {"locale__language_code": language}

    barcelona_key = MemberCityPage.objects.get(
        locale__language_code="en", slug="barcelona"
    ).translation_key

    def first(model, **filters):
        page = (
            model.objects.live().public().filter(**in_language, **filters).order_by("path").first()
        )
        assert page is not None, f"the demo content has no {model.__name__} in {language}"
        return page.url

    return {
        "home": first(HomePage),
        "region": first(RegionalSectionPage),
        "city": first(MemberCityPage, translation_key=barcelona_key),
        "initiative": first(InitiativePage, image__isnull=False),
        "solution": first(SolutionPage),
        "case-library": first(CaseLibraryPage),
        "standard-page": first(StandardPage),
        "search": f"/{language}/search/?q={SEARCH_WORDS[language]}",
        "not-found": f"/{language}/no-such-page/",
    }


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_page_type_is_readable_on_desktop_and_phone(live_server, browser_page, language):
    pages = public_pages(language)
    axe = Axe()
    folder = ARTIFACTS / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    page = browser_page
    problems = []
    for viewport_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for page_type, url in pages.items():
            where = f"{language} {page_type} {viewport_name} ({url})"
            response = page.goto(f"{live_server.url}{url}")
            expected_status = 404 if page_type == "not-found" else 200
            if response.status != expected_status:
                problems.append(f"{where}: HTTP {response.status}")
            # Lazy images below the fold would be blank in a full-page screenshot.
            page.evaluate(EAGER_IMAGES_JS)
            # Polled from here: wait_for_function evaluates a string in the page, which the
            # site's Content-Security-Policy (no 'unsafe-eval') refuses.
            for _attempt in range(50):
                if page.evaluate("[...document.images].every((image) => image.complete)"):
                    break
                page.wait_for_timeout(100)
            page.screenshot(
                path=folder / f"{language}-{page_type}-{viewport_name}.png", full_page=True
            )

            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll_width > viewport["width"]:
                problems.append(f"{where}: {scroll_width}px wide, scrolls sideways")

            for squeezed in page.evaluate(SQUEEZED_TEXT_JS, NARROWEST_TEXT_BOX):
                problems.append(f"{where}: text squeezed into a narrow box: {squeezed}")

            violations = axe.run(page).response["violations"]
            for violation in violations:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(
                        f"{where}: axe {violation['impact']} {violation['id']}: {targets}"
                    )
    assert not problems, "\n".join(problems)


def test_phone_menu_is_a_keyboard_toggle_and_results_show_in_the_first_screen(
    live_server, browser_page
):
    """On a phone the header menu collapses behind a button, and on the case library and the
    search page the first result is in the first screen, with the filters folded away."""
    with translation.override("fr"):
        menu, main, filters = (translation.gettext(text) for text in ("Menu", "Main", "Filters"))
    library = CaseLibraryPage.objects.live().get(locale__language_code="fr").url
    page = browser_page
    page.set_viewport_size(VIEWPORTS["phone"])

    for url in (library, "/fr/search/?q=eau"):
        page.goto(f"{live_server.url}{url}")
        toggle = page.get_by_role("button", name=menu)
        navigation = page.get_by_role("navigation", name=main)
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not navigation.is_visible()
        first_card = page.locator(".card, .search-result").first
        assert first_card.bounding_box()["y"] < VIEWPORTS["phone"]["height"], url
        assert not page.locator("details.filters").evaluate("details => details.open")
        page.get_by_text(filters, exact=True).click()
        assert page.locator("details.filters .facet").first.is_visible()

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert navigation.is_visible()
    navigation.get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")

    # On a desktop there is no button: the menu and the filters are simply there.
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(f"{live_server.url}{library}")
    assert not toggle.is_visible()
    assert navigation.is_visible()
    assert page.locator("details.filters").evaluate("details => details.open")
