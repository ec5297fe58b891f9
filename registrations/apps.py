from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Sign-ups for the meetings: coordinators and their participants, organisations asking
    to take part; later invitations and open registration."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from django.db.models.signals import post_save

        from arshjul import todo
        from meetings.models import Meeting

        from . import reminders, services, signin, tasks  # noqa: F401 - sweeps and tasks
        from .todo import participant_tasks

        todo.providers.register(
            participant_tasks, depends_on=["meetings.Meeting", "registrations.Participant"]
        )
        # More places after an edit go to those waiting, first in line first.
        post_save.connect(
            services.meeting_saved, sender=Meeting, dispatch_uid="registrations-places-changed"
        )
