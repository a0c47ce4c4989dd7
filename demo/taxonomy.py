"""The themes and Sustainable Development Goals that case studies are filed under."""

from django.db import transaction

from demo.translation import translate_everywhere
from initiatives.models import SustainableDevelopmentGoal, Theme

# Each record is found by what identifies it in every language: a theme's slug, a goal's number.
TAXONOMIES = ((Theme, "theme", "slug"), (SustainableDevelopmentGoal, "sdg", "number"))


@transaction.atomic
def load_taxonomy(data: dict, locales: dict, user) -> tuple[int, int]:
    """Every theme and goal in English and its translations; returns how many of each there are."""
    english = locales["en"]
    for model, section, key in TAXONOMIES:
        for item in data[section]:
            record = model.objects.filter(locale=english, **{key: item[key]}).first()
            if record is None:
                record = model.objects.create(
                    locale=english,
                    colour=item["colour"],
                    name=item["name"]["en"],
                    description=item["description"]["en"],
                    **{key: item[key]},
                )
            translate_everywhere(record, [item["name"], item["description"]], locales, user)
    return (
        Theme.objects.filter(locale=english).count(),
        SustainableDevelopmentGoal.objects.filter(locale=english).count(),
    )
