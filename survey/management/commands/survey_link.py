from django.core.management.base import BaseCommand, CommandError

from survey import services
from survey.models import Response


class Command(BaseCommand):
    help = (
        "Print the survey links of an organisation's leadership groups (for local use: the "
        "groups get theirs by e-mail). The links stay the same; nothing is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's name, or part of it.")

    def handle(self, *args, organisation, **options):
        responses = (
            Response.objects.filter(
                group__organisation__name__icontains=organisation, survey__published=True
            )
            .select_related("survey__cycle", "group__organisation")
            .order_by("-survey__cycle__year", "group__organisation__name", "group__name")
        )
        if not responses:
            raise CommandError(
                f"No leadership group of an organisation named like “{organisation}” has a "
                "link to a published survey yet (a coordinator or staff send it first)."
            )
        for response in responses:
            url = services.response_url(response)
            response.save(update_fields=["token_nonce", "token_hash"])
            self.stdout.write(
                f"{response.group} – {response.survey} ({response.progress_words}):\n  {url}"
            )
