"""The association's geography: the regional sections and their member cities' microsites."""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Collection

from cities.models import MemberCityPage, RegionalSectionPage
from demo import images
from demo.pages import child, publish
from demo.text import to_rich_text
from editorial import roles

REGION_SLUGS = {
    "africa": "africa",
    "americas": "americas",
    "asia": "asia-pacific",
    "europe": "europe",
}


def contact_fields(contact: dict) -> dict:
    """A page's contact person, in English, from the data's `contact` table."""
    return {
        "contact_name": contact["name"],
        "contact_role": contact["role"]["en"],
        "contact_email": contact["email"],
    }


@transaction.atomic
def load_regions(home, items: list[dict], user) -> dict[str, RegionalSectionPage]:
    """The regional sections under the English home page, by their key in the data."""
    regions = {}
    for item in items:
        slug = REGION_SLUGS[item["key"]]
        region = child(home, RegionalSectionPage, slug)
        if region is None:
            region = publish(
                home,
                RegionalSectionPage(
                    title=item["title"]["en"],
                    slug=slug,
                    show_in_menus=True,
                    introduction=to_rich_text(item["introduction"]["en"]),
                    secretariat_city=item["secretariat_city"],
                    contact_phone=item["contact"].get("phone", ""),
                    **contact_fields(item["contact"]),
                ),
                user,
            )
        regions[item["key"]] = region
    return regions


def load_cities(items: list[dict], regions: dict, user, progress) -> dict[str, MemberCityPage]:
    """Each member city's page under its region, by the city's key in the data."""
    collection_root = Collection.get_first_root_node()
    cities = {}
    for done, item in enumerate(items, start=1):
        with transaction.atomic():
            cities[item["key"]] = load_city(item, regions[item["region"]], collection_root, user)
        progress("Member cities", done, len(items))
    return cities


def load_city(item: dict, region, collection_root, user) -> MemberCityPage:
    city = child(region, MemberCityPage, item["key"])
    if city is not None:
        # Databases built before editorial teams filed each city's media in a top-level
        # collection named after the city: hand it over to the city's team.
        legacy = collection_root.get_children().filter(name=item["name"]["en"]).first()
        if legacy is not None:
            roles.adopt_collection(city, legacy)
        return city
    city = MemberCityPage(
        title=item["name"]["en"],
        slug=item["key"],
        official_name=item["official_name"],
        government_name=item["government"]["en"],
        country=item["country"]["en"],
        country_code=item["country_code"],
        population=item.get("population"),
        latitude=Decimal(str(item["latitude"])),
        longitude=Decimal(str(item["longitude"])),
        website=item.get("website", ""),
        member_since=item.get("member_since"),
        introduction=to_rich_text(item["introduction"]["en"]),
        **contact_fields(item["contact"]),
    )
    # The city's team owns its media, so the logo and banner go into the team's collection.
    add_city_images(city, item, roles.collection_for_new_city(city, region))
    return publish(region, city, user)


def add_city_images(city: MemberCityPage, item: dict, collection):
    """The city's banner, one of the demo's photographs, and its logo, drawn in its accent
    colour. Each city has an image of its own, in its own collection, as its team would upload."""
    name = item["name"]["en"]
    initials = "".join(word[0] for word in name.replace("-", " ").split()[:2]).upper()
    city.hero_image = images.get_or_create_image(
        f"{name}: banner",
        f"{item['key']}-banner.jpg",
        lambda: images.render_photograph(images.photograph_number(item["key"])),
        collection,
        description="",
    )
    city.logo = images.get_or_create_image(
        f"{name}: logo",
        f"{item['key']}-logo.png",
        lambda: images.render_logo(initials, item["accent"]),
        collection,
        description=f"{item['official_name']} logo",
    )


# What each page says in every language, as (page, texts) pairs for translate_everywhere.


def region_texts(home, items: list[dict]) -> list[tuple]:
    return [
        (
            child(home, RegionalSectionPage, REGION_SLUGS[item["key"]]),
            [item["title"], item["introduction"], item["contact"]["role"]],
        )
        for item in items
    ]


def city_texts(home, items: list[dict]) -> list[tuple]:
    jobs = []
    for item in items:
        region = child(home, RegionalSectionPage, REGION_SLUGS[item["region"]])
        texts = [
            item["name"],
            item["government"],
            item["country"],
            item["introduction"],
            item["contact"]["role"],
        ]
        jobs.append((child(region, MemberCityPage, item["key"]), texts))
    return jobs
