import factory
import wagtail_factories
from wagtail.models import Locale

from initiatives.models import InitiativePage, SolutionPage, SustainableDevelopmentGoal, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Theme


class SustainableDevelopmentGoalFactory(factory.django.DjangoModelFactory):
    number = 11
    name = "Sustainable cities and communities"
    colour = "#FD9D24"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = SustainableDevelopmentGoal


class InitiativePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = "A metropolitan programme that cut flood damage in low-lying neighbourhoods."
    status = "ongoing"

    class Meta:
        model = InitiativePage


class SolutionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Solution {n}")
    summary = "A replicable way to map informal settlements with residents."
    problem = "<p>Nobody knew how many people lived in the settlements.</p>"
    solution = "<p>Residents mapped their own neighbourhoods with simple phones.</p>"
    status = "completed"

    class Meta:
        model = SolutionPage
