from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and `load_demo_content`. It builds pages of every app and editorial roles, so
    it sits above them, just below cms (docs/architecture.md)."""

    name = "demo"
    verbose_name = "Metropolis demo content"
