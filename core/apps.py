from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What several apps share: page queries, StreamField blocks, rich-text features, the fields
    every page translates, database housekeeping and reading settings from the environment. The
    bottom of the project: it imports no other app of ours (docs/architecture.md)."""

    name = "core"
    verbose_name = "Metropolis shared code"
