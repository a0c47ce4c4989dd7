"""Stored HTML as plain text, and the text that describes a page."""

import html
import re

from django.utils.html import strip_tags

# Where one block of text ends and the next begins: stripping the tags alone would glue the last
# word of a paragraph to the first of the next ("population.Les priorités").
BLOCK_BOUNDARY = re.compile(
    r"<(?:br|hr|/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figure|"
    r"figcaption|section|article|header|footer|aside))\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(markup: str) -> str:
    """Stored HTML (or text) as plain text: a space between blocks, tags dropped, entities decoded
    once ("UNESCO&#x27;s" → "UNESCO's"; the template escapes it again, once), spaces collapsed."""
    text = strip_tags(BLOCK_BOUNDARY.sub(" ", markup or ""))
    return " ".join(html.unescape(text).split())


def first_text(page, field_names) -> str:
    """The first of the page's fields `field_names` that holds any text, as plain text. A page type
    without one of the fields skips it."""
    for name in field_names:
        text = plain_text(str(getattr(page, name, "") or ""))
        if text:
            return text
    return ""
