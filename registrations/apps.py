from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Sign-ups for the meetings: coordinators' participants, invitations, open registration."""

    name = "registrations"
    verbose_name = _("Registrations")
