"""A result's snippet is plain text: entities decoded once, blocks apart, cut at a word with "…"."""

import pytest

from core.text import plain_text
from search.highlight import ELLIPSIS, shorten
from search.query import SNIPPET_LENGTH, description_of


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("UNESCO&#x27;s World Heritage List", "UNESCO's World Heritage List"),
        ("<p>Tom &amp; Jerry &lt;3</p>", "Tom & Jerry <3"),
        ("a literal &amp;lt;b&amp;gt;", "a literal &lt;b&gt;"),  # decoded once, not twice
        ("<p>population.</p><p>Les priorités</p>", "population. Les priorités"),
        ("<h2>Title</h2><ul><li>one</li><li>two</li></ul>", "Title one two"),
        ("line<br>break<br/>here", "line break here"),
        ("<p>an <b>in</b>line <a href='#'>link</a></p>", "an inline link"),
        ("  spaced\n\n  out\t", "spaced out"),
        ("", ""),
    ],
)
def test_plain_text(stored, text):
    assert plain_text(stored) == text


def test_shorten_cuts_at_a_word_and_adds_an_ellipsis():
    text = "Les bâtiments produisent plus de la moitié des émissions directes de gaz"
    short = shorten(text, 30)
    assert short == "Les bâtiments produisent plus…"
    assert len(short) <= 30
    assert text.startswith(short.removesuffix(ELLIPSIS))


def test_shorten_leaves_short_text_and_drops_trailing_punctuation():
    assert shorten("short enough", 30) == "short enough"
    assert shorten("first part, second part of it", 19) == "first part, second…"
    assert shorten("first part, second part", 13) == "first part…"
    assert shorten("x" * 50, 10) == "x" * 9 + ELLIPSIS  # one long word: cut, still marked


class Summary:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_description_is_plain_text_cut_at_the_snippet_length():
    words = " ".join(["métropole"] * 100)
    page = Summary(summary="", search_description="", introduction=f"<p>{words}</p><p>fin</p>")
    description = description_of(page)
    assert description.startswith("métropole métropole")
    assert shorten(description, SNIPPET_LENGTH).endswith("métropole" + ELLIPSIS)


@pytest.mark.django_db
def test_search_results_show_decoded_separated_and_cut_snippets(client):
    content = client.get("/en/search/", {"q": "tunis"}).content.decode()
    assert "&amp;#x27;" not in content
    assert "UNESCO&#x27;s" in content  # the apostrophe, escaped once
    assert "heritage.The" not in content.lower()
    results = content.split('class="search-results"')[1].split("</ol>")[0]
    assert ELLIPSIS in results
