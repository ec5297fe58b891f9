from django.core.management.base import BaseCommand, CommandError

from registrations import signin


class Command(BaseCommand):
    help = "Print a one-time sign-in link for a coordinator's e-mail address (for local use)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        target = signin.signin_target(email)
        if target is None:
            raise CommandError(
                f"{email} is not a coordinator of an active organisation in a running cycle "
                "(or it is a staff account: staff use their password)."
            )
        user, coordinators = target
        for coordinator in coordinators:
            self.stdout.write(f"{coordinator.organisation.name} ({coordinator.cycle.name})")
        self.stdout.write(signin.signin_url(user))
