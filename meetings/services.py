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


def meetings_copy_to_cycle(*, old, new, **kwargs) -> None:
    """Copy every meeting of the old cycle into the new one, a year later, unpublished
    (receives arshjul's ``cycle_copied`` signal)."""
    old_cycle, new_cycle = old, new
    copies = []
    for meeting in old_cycle.meetings.all():
        copy = Meeting(
            cycle=new_cycle,
            kind=meeting.kind,
            title=meeting.title,
            slug=meeting.slug,
            summary=meeting.summary,
            description=meeting.description,
            audience=meeting.audience,
            date=_next_year(meeting.date),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            venue_name=meeting.venue_name,
            venue_address=meeting.venue_address,
            map_url=meeting.map_url,
            participation=meeting.participation,
            registration_opens_at=_next_year_moment(meeting.registration_opens_at),
            registration_closes_at=_next_year_moment(meeting.registration_closes_at),
            capacity=meeting.capacity,
            limit_per_organisation=meeting.limit_per_organisation,
            has_workshop_groups=meeting.has_workshop_groups,
            contact_name=meeting.contact_name,
            contact_email=meeting.contact_email,
            contact_phone=meeting.contact_phone,
            published=False,
            uid=uuid.uuid4(),
        )
        copy.full_clean()
        copies.append(copy)
    Meeting.objects.bulk_create(copies)
