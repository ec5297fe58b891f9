"""Calendar files (RFC 5545): one meeting, or a whole cycle's feed, from anything dated
(the wheel's steps are)."""

import datetime
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .branding import branding


class Dated(Protocol):
    """What a calendar entry is made from (the wheel's ``Step`` has all of it)."""

    cycle_id: int
    date: datetime.date
    title: str
    url: str  # a path on this site
    uid: str
    sequence: int
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    location: str
    description: str
    ends_on: datetime.date | None  # a period's last day (all day), or None


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "arshjul.local"


def _organiser():
    """ORGANIZER: the organiser's name, with its contact (or reply) address, which RFC 5545
    requires (a calendar shows the name). None when the site has no address to give."""
    sender = branding()
    address = sender.contact_email or sender.reply_to
    if not address:
        return None
    organiser = vCalAddress(f"mailto:{address}")
    if sender.organiser:
        organiser.params["cn"] = vText(sender.organiser)
    return organiser


def calendar_of(steps: list[Dated], *, name: str, cancel: bool = False) -> bytes:
    """A VCALENDAR with one VEVENT per step: timed steps in Europe/Stockholm (with its
    VTIMEZONE), the others as all-day events. With ``cancel``, a cancellation (METHOD:CANCEL,
    STATUS:CANCELLED, the same UID and a higher SEQUENCE) that takes the events out of the
    calendars that have them."""
    calendar = Calendar()
    calendar.add("prodid", "-//Årshjul//arshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    organiser_name = branding().organiser
    calendar.add("x-wr-calname", f"{name} – {organiser_name}" if organiser_name else name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC)
    organiser = _organiser()
    for step in steps:
        event = Event()
        event.add(
            "uid", f"{step.uid or f'step-{step.cycle_id}-{step.date}-{step.title}'}@{_host()}"
        )
        event.add("dtstamp", stamp)
        event.add("sequence", step.sequence + 1 if cancel else step.sequence)
        if cancel:
            event.add("status", "CANCELLED")
        event.add("summary", step.title)
        if step.starts_at:
            event.add("dtstart", timezone.localtime(step.starts_at))
            end = step.ends_at or step.starts_at + datetime.timedelta(hours=1)
            event.add("dtend", timezone.localtime(end))
        else:
            # All day; a period from its first day through its last (DTEND is exclusive).
            last = getattr(step, "ends_on", None) or step.date
            event.add("dtstart", step.date)
            event.add("dtend", max(last, step.date) + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        if organiser is not None:
            event.add("organizer", organiser)
        if step.location:
            event.add("location", step.location)
        if step.url:
            event.add("url", settings.SITE_URL.rstrip("/") + step.url)
        description = "\n\n".join(
            part for part in [step.description, settings.SITE_URL.rstrip("/") + step.url] if part
        )
        if description:
            event.add("description", description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
