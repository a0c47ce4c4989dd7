"""Search backends of our own, named in WAGTAILSEARCH_BACKENDS (search/config.py)."""
