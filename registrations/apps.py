from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Sign-ups for the meetings: coordinators and their participants, organisations asking
    to take part; later invitations and open registration."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from django.db.models.signals import post_save

        from arshjul.lib.mail_kinds import mail_kinds_register
        from arshjul.reminders import kind_register
        from meetings import signals as meeting_signals
        from meetings.models import Meeting

        # Sweeps, tasks and kinds of PDF register as they are imported.
        from . import invitations, pdfs, reminders, services, signin, tasks  # noqa: F401

        for kind in (reminders.SIGN_UP, reminders.PARTICIPANT, invitations.INVITATION):
            kind_register(kind)
        mail_kinds_register(
            {
                "signin_link": _("Sign-in link"),
                "participant_confirmed": _("Registration confirmed"),
                "participant_waiting": _("Participant on the waiting list"),
                "participant_promoted": _("Place from the waiting list"),
                "participant_cancelled": _("Registration cancelled"),
                "registration_link_again": _("Participant's link sent again"),
                "coordinator_promoted": _("Coordinator told of a place from the waiting list"),
                "coordinator_digest": _("Coordinator's summary of changes"),
                "colleague_added": _("Colleague added as coordinator"),
                "reminder_no_participants": _("Reminder: no participants registered"),
                "reminder_participant": _("Reminder to a participant before the meeting"),
                "meeting_changed": _("Meeting moved or changed"),
                "meeting_cancelled": _("Meeting cancelled"),
                "invitation": _("Invitation"),
                "invitation_reminder": _("Invitation reminder"),
                "join_approved": _("Request to take part approved"),
                "join_declined": _("Request to take part declined"),
            }
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
