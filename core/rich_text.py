"""The rich-text feature sets, from the smallest: every rich-text field and block uses one of them,
so the editor offers the same tools for the same kind of text everywhere."""

# A sentence or two (the home page's introduction).
INLINE_FEATURES = ["bold", "italic", "link"]
# Paragraphs with lists: introductions and a case study's sections. Headings come from the page.
PROSE_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# A page's body, which has headings of its own and links to documents.
BODY_FEATURES = ["h2", "h3", *PROSE_FEATURES, "document-link"]
