from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Sign-ups for the meetings: coordinators and their participants, organisations asking
    to take part; later invitations and open registration."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from django.db.models.signals import post_save

        from arshjul import demo, todo
        from meetings import pages as meeting_pages
        from meetings import registration
        from meetings import signals as meeting_signals
        from meetings.models import Meeting

        from . import invitations, reminders, services, signin, tasks  # noqa: F401 - sweeps, tasks
        from .demo import seed_cycle
        from .pages import places_taken, take_part
        from .todo import participant_tasks

        registration.occupancy.register(places_taken, depends_on=["registrations.Participant"])
        demo.seeders.register(seed_cycle)
        meeting_pages.detail_parts.register(take_part)
        todo.providers.register(
            participant_tasks, depends_on=["meetings.Meeting", "registrations.Participant"]
        )
        # More places after an edit go to those waiting, first in line first.
        post_save.connect(
            services.meeting_saved, sender=Meeting, dispatch_uid="registrations-places-changed"
        )
        # A new time or place, or a meeting called off: tell whoever has it in a calendar.
        meeting_signals.meeting_rescheduled.connect(
            services.meeting_rescheduled, dispatch_uid="registrations-rescheduled"
        )
        meeting_signals.meeting_cancelled.connect(
            services.meeting_cancelled, dispatch_uid="registrations-cancelled"
        )
