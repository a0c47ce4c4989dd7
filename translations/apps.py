from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = "Translation workflow"

    def ready(self):
        from translations import signals, slugs  # noqa: F401
