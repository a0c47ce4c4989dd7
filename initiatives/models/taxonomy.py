"""The association's shared vocabulary: policy themes and the UN Sustainable Development Goals.

Both are translatable snippets. Case studies link to the default-locale record (the canonical one);
pages show `.localized`, so each visitor reads the name in their own language.

Both pass through the secretariat's review like pages: a change is a draft until it is published,
and a translator's translation goes live only when a moderator approves it. Until then visitors
read the name in the original language (`localized` and `live_in_locale` skip drafts).
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.locales import active_locale

hex_colour = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour such as #0B6E4F."))


def default_locale_only():
    """Choices for links to themes, goals and partner cities: the canonical, default-locale
    records only (each is shown in the visitor's language from there)."""
    return models.Q(locale_id=Locale.get_default().pk)


class ReviewedTranslatableSnippet(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """A translatable snippet with drafts, revisions and the review workflow."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def localized(self):
        """This record in the active language if that translation is live, else this record."""
        translation = super().localized
        return translation if translation.live else self

    @classmethod
    def localize_all(cls, items) -> list:
        """Each of `items` as `localized` gives it, in one query for the whole list."""
        items = list(items)
        locale = active_locale()
        keys = [item.translation_key for item in items if item.locale_id != locale.pk]
        translations = (
            {
                translation.translation_key: translation
                for translation in cls.objects.filter(
                    translation_key__in=keys, locale=locale, live=True
                )
            }
            if keys
            else {}
        )
        return [translations.get(item.translation_key, item) for item in items]

    @classmethod
    def live_in_locale(cls, locale: Locale, default: Locale | None = None) -> list:
        """Each live canonical record, in `locale` where its translation there is live."""
        default = default or Locale.get_default()
        items = list(cls.objects.filter(locale_id__in={default.pk, locale.pk}, live=True))
        translations = {item.translation_key: item for item in items if item.locale_id == locale.pk}
        return [
            translations.get(item.translation_key, item)
            for item in items
            if item.locale_id == default.pk
        ]


class Theme(ReviewedTranslatableSnippet, index.Indexed):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        help_text=_("Used in addresses and filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1F4E79", validators=[hex_colour])

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        # Facts shared by every language: filters and addresses use the slug.
        SynchronizedField("slug", overridable=False),
        SynchronizedField("colour", overridable=False),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),  # the admin listing searches one language at a time
    ]

    class Meta(ReviewedTranslatableSnippet.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class SustainableDevelopmentGoal(ReviewedTranslatableSnippet):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, validators=[hex_colour])

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("colour"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("colour", overridable=False),
    ]

    class Meta(ReviewedTranslatableSnippet.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "number"], name="unique_sdg_number_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"
