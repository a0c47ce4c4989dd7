"""Editorial teams: who may edit what, bound to pages and collections by reference, never by name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorialTeam(models.Model):
    """One group of people with one editorial role, and what the role is bound to.

    - city and region teams: `translation_key` is the key their page shares in every locale, so a
      renamed or newly translated city stays bound to its team; `collection` holds their media,
      and a region's `folder` holds its cities' collections and its own.
    - translator teams: `locale` is the language whose tree they edit.
    - the one moderators team: `workflow` is the review every page passes through.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("Member city editors")
        REGION = "region", _("Regional section editors")
        TRANSLATORS = "translators", _("Translators")
        MODERATORS = "moderators", _("Secretariat moderators")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editorial_team",
    )
    translation_key = models.UUIDField(
        _("page translation key"), null=True, blank=True, unique=True, editable=False
    )
    locale = models.OneToOneField(
        "wagtailcore.Locale",
        verbose_name=_("locale"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    folder = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("folder of collections"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("editorial team")
        verbose_name_plural = _("editorial teams")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="moderators"),
                name="editorial_single_moderators_team",
            ),
        ]
        permissions = [
            ("invite_editors", _("Can invite editors")),
            (
                "view_secretariat_dashboard",
                _("Can see the secretariat dashboard and export the content inventory"),
            ),
        ]

    def __str__(self):
        return self.group.name if self.group else f"{self.get_kind_display()} ({self.pk})"
