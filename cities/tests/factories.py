import factory
import wagtail_factories

from cities.models import MemberCityPage, RegionalSectionPage


class RegionalSectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Region {n}")
    introduction = "<p>Member governments of the region.</p>"
    secretariat_city = "Dakar"

    class Meta:
        model = RegionalSectionPage


class MemberCityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"City {n}")
    official_name = factory.LazyAttribute(lambda page: f"Metropolitan government of {page.title}")
    government_name = factory.LazyAttribute(lambda page: f"{page.title} City Council")
    country = "Senegal"
    country_code = "SN"
    population = 1_200_000
    member_since = 1999

    class Meta:
        model = MemberCityPage
