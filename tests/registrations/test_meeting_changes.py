"""Calendars follow the meeting: a new time or place sends everyone with a place the update
(the same UID, a higher SEQUENCE); a meeting called off sends them the cancellation."""

import datetime

import pytest
from icalendar import Calendar

from meetings.models import Meeting
from meetings.services import meeting_save
from tests.helpers import attachment, outbox

pytestmark = pytest.mark.django_db


def event_in(mail, name="arbetsmote.ics"):
    calendar = Calendar.from_ical(attachment(mail, name))
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_a_new_time_is_sent_to_everyone_with_a_place(ada, work_meeting):
    _, before = event_in(outbox("participant_confirmed")[0])
    meeting = Meeting.objects.get(pk=work_meeting.pk)
    meeting.starts_at = datetime.time(10)
    meeting_save(meeting=meeting)
    [mail] = outbox("meeting_changed")
    assert mail.to == ada.email
    assert "10.00–16.00" in mail.body_text
    _, after = event_in(mail)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART").hour == 10


def test_an_edit_of_something_else_sends_nothing(ada, work_meeting):
    meeting = Meeting.objects.get(pk=work_meeting.pk)
    meeting.summary = "Ny sammanfattning"
    meeting_save(meeting=meeting)
    assert outbox("meeting_changed") == []


def test_a_meeting_called_off_sends_the_cancellation(ada, work_meeting, editor_client):
    editor_client.post(
        "/admin/meetings/meeting/",
        {"action": "cancel", "_selected_action": [work_meeting.pk], "index": 0},
    )
    work_meeting.refresh_from_db()
    assert work_meeting.is_cancelled
    [mail] = outbox("meeting_cancelled")
    calendar, event = event_in(mail)
    assert mail.to == ada.email
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    # Cancelled once: doing it again sends nothing more.
    editor_client.post(
        "/admin/meetings/meeting/",
        {"action": "cancel", "_selected_action": [work_meeting.pk], "index": 0},
    )
    assert len(outbox("meeting_cancelled")) == 1
