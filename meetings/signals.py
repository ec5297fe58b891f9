"""What other apps hear about meetings (Django signals)."""

from django.dispatch import Signal

# The time or the place of a published meeting changed (its calendar SEQUENCE is raised);
# receivers tell whoever has it in their calendar. Argument: meeting.
meeting_rescheduled = Signal()

# Staff called a meeting off; receivers tell everyone registered. Argument: meeting.
meeting_cancelled = Signal()
