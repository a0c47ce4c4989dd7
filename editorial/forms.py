from django import forms
from django.utils.translation import gettext_lazy as _

from editorial.models import EditorialTeam


def team_choices():
    """City teams, then regional teams, each by name: the teams an editor can be invited to."""
    teams = EditorialTeam.objects.filter(
        kind__in=[EditorialTeam.Kind.CITY, EditorialTeam.Kind.REGION], group__isnull=False
    ).select_related("group")
    cities = sorted((t.pk, t.group.name) for t in teams if t.kind == EditorialTeam.Kind.CITY)
    regions = sorted((t.pk, t.group.name) for t in teams if t.kind == EditorialTeam.Kind.REGION)
    return [
        ("", _("Choose a team")),
        (_("Member cities"), sorted(cities, key=lambda choice: choice[1])),
        (_("Regional sections"), sorted(regions, key=lambda choice: choice[1])),
    ]


class InviteEditorForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    team = forms.TypedChoiceField(
        label=_("Team"),
        coerce=int,
        help_text=_("The editor can add and edit this team's pages, never publish them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = team_choices()

    def clean_team(self):
        team = (
            EditorialTeam.objects.filter(pk=self.cleaned_data["team"], group__isnull=False)
            .select_related("group")
            .first()
        )
        if team is None:
            raise forms.ValidationError(_("Choose one of the teams in the list."))
        return team
