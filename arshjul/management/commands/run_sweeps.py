from django.core.management.base import BaseCommand, CommandError

from arshjul.lib import sweeps


class Command(BaseCommand):
    help = "Run the periodic sweeps now (all, or those named): what Celery beat runs on a schedule."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help=f"Any of: {', '.join(sweeps.registered())}")

    def handle(self, *args, names, **options):
        try:
            results = sweeps.run_sweeps(names or None)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        for name, result in results.items():
            self.stdout.write(f"{name}: {result}")
        if any(isinstance(result, str) for result in results.values()):
            raise CommandError("A sweep failed; see the log above.")
