from django.db import models
from django.utils.translation import gettext_lazy as _


class OutdatedTranslation(models.Model):
    """A translation whose original was republished with new text since the translation was synced.

    The record exists while the translation is outdated: it is written when the original's text
    changes and deleted when a sync with that text goes live (see translations/freshness.py).
    """

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    original_updated_at = models.DateTimeField(_("original updated at"))

    class Meta:
        verbose_name = _("outdated translation")
        verbose_name_plural = _("outdated translations")
        ordering = ["-original_updated_at"]

    def __str__(self):
        return f"{self.translation.source.object_repr} ({self.translation.target_locale})"
