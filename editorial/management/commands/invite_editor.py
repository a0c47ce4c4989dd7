from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cities.models import MemberCityPage, RegionalSectionPage
from editorial.invitations import InvitationError, invite
from editorial.models import EditorialTeam


class Command(BaseCommand):
    help = (
        "Invite an editor to a member city's (or a regional section's) team: creates the account "
        "if needed, adds it to the team's group and emails a link to choose a password. "
        "Inviting the same person again only sends a new link."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--city", metavar="SLUG", help="the member city's slug, e.g. barcelona")
        target.add_argument("--region", metavar="SLUG", help="the regional section's slug")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        if options["city"]:
            model, slug, what = MemberCityPage, options["city"], "member city"
        else:
            model, slug, what = RegionalSectionPage, options["region"], "regional section"
        page = find_page(model, slug)
        if page is None:
            known = sorted(set(model.objects.values_list("slug", flat=True)))
            raise CommandError(
                f"No {what} has the slug {slug!r}. Known slugs: {', '.join(known) or 'none'}."
            )
        team = EditorialTeam.objects.filter(translation_key=page.translation_key).first()
        if team is None or team.group is None:
            raise CommandError(
                f"{page.title} has no editorial team yet: run `manage.py sync_roles`, then "
                "invite again."
            )
        try:
            invitation = invite(
                options["email"],
                team,
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except InvitationError as error:
            raise CommandError(str(error)) from error
        user = invitation.user
        if invitation.created:
            state = "new account"
        elif invitation.joined:
            state = "existing account, added to the group"
        else:
            state = "already in the group, invitation sent again"
        self.stdout.write(
            self.style.SUCCESS(
                f"Invited {user.email} (username {user.get_username()}) to {team.group.name}: "
                f"{state}."
            )
        )


def find_page(model, slug):
    """The page with this slug, preferring the default locale (slugs may differ by language)."""
    pages = model.objects.filter(slug=slug)
    return pages.filter(locale=Locale.get_default()).first() or pages.first()
