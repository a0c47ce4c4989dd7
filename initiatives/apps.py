from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatives and shared solutions"

    def ready(self):
        from core import published
        from initiatives.models import SustainableDevelopmentGoal, Theme

        # The case library's facets list them: cached until one changes (core/published.py).
        published.watch(Theme, SustainableDevelopmentGoal)
