from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    """The workshop groups' notes at a meeting: what the room added to the status analysis,
    written by scribes through a personal link."""

    name = "workshops"
    verbose_name = _("Workshop notes")

    def ready(self):
        from arshjul.lib.mail_kinds import mail_kinds_register

        mail_kinds_register({"workshop_link": _("Workshop notes link to a scribe")})
