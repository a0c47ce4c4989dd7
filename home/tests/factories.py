import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Metropolis"
    tagline = "World Association of the Major Metropolises"
    introduction = "<p>Cities sharing practical solutions.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Organisation page {n}")
    introduction = "How the association works."

    class Meta:
        model = StandardPage
