"""Every page type and snippet says, field by field, what is translated and what is synchronized."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation_fields import PAGE_STATE_FIELDS, SNIPPET_STATE_FIELDS

PROJECT_DIR = Path(settings.BASE_DIR).resolve()


def is_project_app(config) -> bool:
    path = Path(config.path).resolve()
    return path.is_relative_to(PROJECT_DIR) and ".venv" not in path.parts


PROJECT_APPS = {config.name for config in apps.get_app_configs() if is_project_app(config)}


def is_project_model(model) -> bool:
    return model._meta.app_config.name in PROJECT_APPS


def translatable_models():
    pages = [model for model in get_page_models() if model is not Page]
    snippets = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    return sorted(
        {model for model in pages + snippets if is_project_model(model)},
        key=lambda model: model._meta.label,
    )


MODELS = translatable_models()


def model_fields(model) -> dict[str, models.Field]:
    """Every field that holds the object's data: columns and many-to-many links."""
    return {
        field.name: field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) or (field.many_to_many and not field.auto_created)
    }


def declared(model) -> dict[str, object]:
    return {field.field_name: field for field in model.translatable_fields}


def test_every_page_type_and_snippet_is_checked():
    labels = {model._meta.label for model in MODELS}
    assert {
        "home.HomePage",
        "home.StandardPage",
        "cities.RegionalSectionPage",
        "cities.MemberCityPage",
        "initiatives.InitiativePage",
        "initiatives.SolutionPage",
        "initiatives.CaseLibraryPage",
        "initiatives.Theme",
        "initiatives.SustainableDevelopmentGoal",
    } <= labels


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_translation_fields_are_declared_by_the_project_not_guessed(model):
    # Without a declaration, wagtail-localize guesses from field types; we never let it.
    declaring = [
        cls
        for cls in model.__mro__
        if "translatable_fields" in vars(cls) and cls.__module__.split(".")[0] in PROJECT_APPS
    ]
    assert declaring, f"{model._meta.label} must declare translatable_fields"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_field_is_translated_synchronized_or_deliberately_left_alone(model):
    names = [field.field_name for field in model.translatable_fields]
    assert len(names) == len(set(names)), f"{model._meta.label} declares a field twice"
    fields = set(model_fields(model))
    left_alone = PAGE_STATE_FIELDS if issubclass(model, Page) else SNIPPET_STATE_FIELDS
    assert set(names) <= fields, f"{model._meta.label} declares fields it does not have"
    assert not set(names) & left_alone, f"{model._meta.label} translates a per-language field"
    undecided = fields - set(names) - left_alone
    assert not undecided, f"{model._meta.label}: decide whether to translate {sorted(undecided)}"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_facts_are_synchronized_and_prose_is_translated(model):
    """Dates, numbers, status, taxonomy, images, documents and partner links follow the original;
    every rich text, stream and long text is translated."""
    fields = model_fields(model)
    for name, declaration in declared(model).items():
        field = fields[name]
        is_fact = (
            isinstance(
                field,
                models.DateField
                | models.DecimalField
                | models.IntegerField
                | models.BooleanField
                | models.ForeignKey
                | ParentalManyToManyField,
            )
            or bool(getattr(field, "choices", None))
            or isinstance(field, models.EmailField | models.URLField)
        )
        is_prose = isinstance(field, RichTextField | StreamField) or (
            isinstance(field, models.TextField) and not is_fact
        )
        if is_fact:
            assert isinstance(declaration, SynchronizedField), f"{model._meta.label}.{name}"
        if is_prose:
            assert isinstance(declaration, TranslatableField), f"{model._meta.label}.{name}"


@pytest.mark.parametrize(
    "model", [m for m in MODELS if issubclass(m, Page)], ids=lambda model: model._meta.label
)
def test_titles_slugs_and_descriptions_of_pages_are_translated(model):
    fields = declared(model)
    for name in ("title", "slug", "seo_title", "search_description"):
        assert isinstance(fields[name], TranslatableField), f"{model._meta.label}.{name}"


def test_alt_text_and_captions_are_translated():
    from core.blocks import ImageWithCaptionBlock
    from initiatives.models import InitiativePage, SolutionPage

    for model in (InitiativePage, SolutionPage):
        assert isinstance(declared(model)["image_alt_text"], TranslatableField)
        assert isinstance(declared(model)["body"], TranslatableField)
    # Char blocks inside a translated stream are extracted for translation.
    assert {"alt_text", "caption"} <= set(ImageWithCaptionBlock.base_blocks)
