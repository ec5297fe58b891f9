"""Set up the test provider: the client Årshjul is, with its redirect addresses, and people."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uris", required=True)
        parser.add_argument("--post-logout-redirect-uris", required=True)
        parser.add_argument(
            "--people", required=True, help="JSON: [[username, password, email, given, family]]"
        )

    def handle(self, *args, **options):
        Application.objects.update_or_create(
            client_id=options["client_id"],
            defaults={
                "name": "Årshjul",
                "client_secret": options["client_secret"],
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": options["redirect_uris"],
                "post_logout_redirect_uris": options["post_logout_redirect_uris"],
                "skip_authorization": True,
                "algorithm": Application.RS256_ALGORITHM,
            },
        )
        User = get_user_model()
        for username, password, email, given, family in json.loads(options["people"]):
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.email, user.first_name, user.last_name = email, given, family
            user.save()
