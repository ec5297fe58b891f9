"""Writes on meetings: saving an edit (which calendars must notice) and copying a cycle's
meetings to the next year."""

import uuid

from django.db import transaction
from django.utils import timezone

from arshjul.services import a_year_later, a_year_later_moment

from .models import Meeting
from .signals import meeting_cancelled, meeting_rescheduled

# When and where: a change of these is sent to everyone who has the meeting in a calendar.
WHEN_AND_WHERE = ["date", "starts_at", "ends_at", "venue_name", "venue_address"]


def meeting_save(*, meeting: Meeting) -> Meeting:
    """Validate and save a meeting. An edit raises its calendar SEQUENCE, so that calendar
    programs that imported it replace their copy (its UID stays the same); a new time or
    place of a published meeting is sent to its participants (``meeting_rescheduled``)."""
    meeting.full_clean()
    with transaction.atomic():
        before = None
        if meeting.pk:
            before = (
                Meeting.objects.select_for_update()
                .filter(pk=meeting.pk)
                .values("sequence", "published", *WHEN_AND_WHERE)
                .first()
            )
            meeting.sequence = (before["sequence"] if before else 0) + 1
        meeting.save()  # post_save: apps react (registrations gives new places to those waiting)
        moved = before and any(before[f] != getattr(meeting, f) for f in WHEN_AND_WHERE)
        if moved and meeting.published and before["published"]:
            meeting_rescheduled.send(sender=Meeting, meeting=meeting)
    return meeting


def meeting_cancel(*, meeting: Meeting) -> bool:
    """Call the meeting off: it says so on its page and the wheel, and everyone registered
    gets a calendar cancellation (``meeting_cancelled``). Says whether it was cancelled now
    (False when it already was)."""
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.is_cancelled:
            return False
        current.cancelled_at = timezone.now()
        current.sequence += 1
        current.save(update_fields=["cancelled_at", "sequence", "updated_at"])
        meeting_cancelled.send(sender=Meeting, meeting=current)
    return True


# What belongs to a meeting's own year and is not copied: its identity, its cycle, its
# calendar version, and what happened (documentation, a cancellation). A copy starts
# unpublished.
BELONGS_TO_ITS_YEAR = {
    *("id", "cycle", "uid", "sequence", "updated_at", "documentation", "published"),
    "cancelled_at",
}
# Moved one year, at the same Swedish wall-clock time.
MOVED_A_YEAR = {"date", "registration_opens_at", "registration_closes_at"}


def meetings_copy_to_cycle(*, old, new, **kwargs) -> None:
    """Copy every meeting of the old cycle into the new one, a year later, unpublished (part
    of :func:`pages.cycle.cycle_copy_to_next_year`). Every field is copied except those that
    belong to the year; a field added to Meeting is copied without a change here."""
    copies = []
    for meeting in old.meetings.all():
        values = {
            field.attname: getattr(meeting, field.attname)
            for field in Meeting._meta.concrete_fields
            if field.name not in BELONGS_TO_ITS_YEAR
        }
        values["date"] = a_year_later(meeting.date)
        for name in MOVED_A_YEAR - {"date"}:
            values[name] = a_year_later_moment(getattr(meeting, name))
        copy = Meeting(cycle=new, published=False, uid=uuid.uuid4(), **values)
        copy.full_clean()
        copies.append(copy)
    Meeting.objects.bulk_create(copies)
