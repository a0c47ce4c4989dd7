"""Turning the demo data's plain text into what page fields hold."""

import re

from django.utils.html import escape

LANGUAGES = ("en", "fr", "es")
# Line breaks and runs of spaces, but not the no-break spaces French typography puts before ? ! ; :
# (which str.split() would also break on).
BREAKABLE_SPACE = re.compile(r"[ \t\r\n]+")


def squash(text: str) -> str:
    """`text` on one line, with single spaces between words."""
    return BREAKABLE_SPACE.sub(" ", text).strip(" ")


def paragraphs(text: str) -> list[str]:
    return [squash(part) for part in (text or "").split("\n\n") if squash(part)]


def to_rich_text(text: str) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs(text))


def to_plain_text(text: str) -> str:
    return "\n\n".join(paragraphs(text))


def pairs(texts: dict | None, source: str, target: str) -> dict[str, str]:
    """Source → target strings for one translated text, whole and paragraph by paragraph, so that
    both plain-text fields and rich-text segments find their translation."""
    if not texts or source not in texts or target not in texts:
        return {}
    source_text, target_text = texts[source], texts[target]
    result = {squash(source_text): squash(target_text)}
    source_paragraphs, target_paragraphs = paragraphs(source_text), paragraphs(target_text)
    if len(source_paragraphs) == len(target_paragraphs):
        result.update(zip(source_paragraphs, target_paragraphs, strict=True))
    result[to_plain_text(source_text)] = to_plain_text(target_text)
    return result
