"""Search backends of our own, named in WAGTAILSEARCH_BACKENDS (cms/settings/search.py)."""
