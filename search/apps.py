from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.models.signals import post_migrate

        from search import signals
        from search.backends.database import on_post_migrate

        signals.connect()
        # PostgreSQL: the database backend's per-language text-search configurations.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="search_text_configs")
