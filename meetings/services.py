"""Writes on meetings: saving an edit (which calendars must notice) and copying a cycle's
meetings to the next year."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from .models import Meeting


def meeting_save(*, meeting: Meeting) -> Meeting:
    """Validate and save a meeting. An edit raises its calendar SEQUENCE, so that calendar
    programs that imported it replace their copy (its UID stays the same)."""
    meeting.full_clean()
    with transaction.atomic():
        if meeting.pk:
            meeting.sequence = (
                Meeting.objects.filter(pk=meeting.pk).values_list("sequence", flat=True).first()
                or 0
            ) + 1
        meeting.save()  # post_save: apps react (registrations gives new places to those waiting)
    return meeting


def _next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _next_year_moment(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The same wall-clock time in Sweden a year later (not 365 × 24 hours later)."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    moved = datetime.datetime.combine(_next_year(local.date()), local.time())
    return timezone.make_aware(moved)


# What belongs to a meeting's own year and is not copied: its identity, its cycle, its
# calendar version, and what happened (documentation). A copy starts unpublished.
BELONGS_TO_ITS_YEAR = {"id", "cycle", "uid", "sequence", "updated_at", "documentation", "published"}
# Moved one year, at the same Swedish wall-clock time.
MOVED_A_YEAR = {"date", "registration_opens_at", "registration_closes_at"}


def meetings_copy_to_cycle(*, old, new, **kwargs) -> None:
    """Copy every meeting of the old cycle into the new one, a year later, unpublished
    (receives arshjul's ``cycle_copied`` signal). Every field is copied except those that
    belong to the year; a field added to Meeting is copied without a change here."""
    copies = []
    for meeting in old.meetings.all():
        values = {
            field.attname: getattr(meeting, field.attname)
            for field in Meeting._meta.concrete_fields
            if field.name not in BELONGS_TO_ITS_YEAR
        }
        values["date"] = _next_year(meeting.date)
        for name in MOVED_A_YEAR - {"date"}:
            values[name] = _next_year_moment(getattr(meeting, name))
        copy = Meeting(cycle=new, published=False, uid=uuid.uuid4(), **values)
        copy.full_clean()
        copies.append(copy)
    Meeting.objects.bulk_create(copies)
