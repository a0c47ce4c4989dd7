"""Marking the words of a query in titles and summaries, safely escaped.

Engines stem differently, so rather than ask each for its own highlighting, a word is marked when it
shares its beginning with a query word once both are lower-cased and stripped of accents: typing
"inondations" marks "inondation", typing "vivienda" marks "Viviendas".

Snippets are plain text before they are marked: `plain_text` (core/text.py) turns stored HTML into
words once, and `shorten` cuts them at a word.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    if text.isascii():  # most words: nothing to decompose, and this is ten times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    # A crude, language-neutral stem: enough to match plural and feminine endings.
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


def highlight(text: str, query: str) -> SafeString:
    stems = {_stem(fold(term)) for term in WORD.findall(query) if len(term) >= 2}
    if not text or not stems:
        return escape(text or "")
    parts = []
    position = 0
    for match in WORD.finditer(text):
        word = fold(match.group())
        if any(word.startswith(stem) or _stem(word) == stem for stem in stems):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    if not text[len(cut)].isspace():  # mid-word: back to the last space (a single long word: cut)
        head, space, _tail = cut.rpartition(" ")
        cut = head if space and head else cut
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS
