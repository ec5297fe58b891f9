from django.core.management.base import BaseCommand, CommandError

from workshops import services
from workshops.models import Scribe


class Command(BaseCommand):
    help = (
        "Print the personal links of workshop scribes to their group's notes (for local use: "
        "scribes get theirs by e-mail). The links stay the same; nothing is sent. Without a "
        "name, every scribe's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name", nargs="?", default="", help="The scribe's name, or part of it (optional)."
        )

    def handle(self, *args, name, **options):
        scribes = (
            Scribe.objects.filter(name__icontains=name)
            .select_related("notes__meeting__cycle", "notes__challenge")
            .order_by("-notes__meeting__date", "notes__challenge__name", "name")
        )
        if not scribes:
            raise CommandError(
                f"No scribe named like “{name}” (staff add scribes on a group's notes in the "
                "admin)."
                if name
                else "No scribes yet (staff add them on a group's notes in the admin)."
            )
        for scribe in scribes:
            url = services.scribe_url(scribe)
            scribe.save(update_fields=["token_nonce", "token_hash"])
            notes = scribe.notes
            self.stdout.write(
                f"{scribe.name} – {notes.challenge.name}, {notes.meeting.title} "
                f"({notes.meeting.date:%Y-%m-%d}):\n  {url}"
            )
