"""What every page type shares in its translation configuration.

Each page type and snippet declares its own `translatable_fields`; these are the parts they share,
kept here so the rule is written once: text (titles, slugs, descriptions) is translated, facts are
synchronized, and the fields Wagtail keeps for each page in each language are left alone.
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField

PAGE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    # A page in the menu in one language is in the menu in all of them.
    SynchronizedField("show_in_menus"),
]

# Publishing state, scheduling and locks: each language's version has its own.
PUBLISHING_STATE_FIELDS = frozenset(
    {
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
    }
)

# Wagtail keeps these for each page in each language: its place in the tree, its publishing state,
# locks, scheduling and ownership. A translation has its own; none is translated or copied.
PAGE_STATE_FIELDS = PUBLISHING_STATE_FIELDS | {
    "id",
    "page_ptr",
    # The parent link of a case study's type (InitiativePage, SolutionPage) to CaseStudyPage.
    "casestudypage_ptr",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "content_type",
    "url_path",
    "alias_of",
    "owner",
    "latest_revision_created_at",
    "draft_title",
}

# The same for a translatable snippet: its identity and its language, and the publishing state of
# one with drafts and review (the taxonomy).
SNIPPET_STATE_FIELDS = PUBLISHING_STATE_FIELDS | {"id", "translation_key", "locale"}
