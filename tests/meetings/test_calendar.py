import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def events(response, *, timed=True):
    """The events of a calendar file, checked for what every calendar program needs."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    # Times refer to a time zone the file itself defines (all-day events need none).
    expected = ["Europe/Stockholm"] if timed else []
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == expected
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"]
    return calendar.walk("VEVENT")


def test_a_meetings_ics_has_its_time_place_and_link(client, settings):
    settings.SITE_URL = "https://arshjul.example.org"
    factories.cycle_with_meetings(2027)

    [event] = events(client.get("/arshjul/2027/moten/arbetsmote/kalender.ics"))

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2027, 1, 13, 9, 0, tzinfo=STOCKHOLM)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert end == datetime.datetime(2027, 1, 13, 16, 0, tzinfo=STOCKHOLM)
    assert str(event["SUMMARY"]) == "Arbetsmöte"
    assert str(event["LOCATION"]) == "Nöjesfabriken, Västra Torggatan 26, Karlstad"
    assert str(event["URL"]) == "https://arshjul.example.org/arshjul/2027/moten/arbetsmote/"
    assert str(event["UID"]).endswith("@arshjul.example.org")
    assert event["SEQUENCE"] == 0


def test_an_edit_keeps_the_uid_and_raises_the_sequence(staff_client, client):
    cycle = factories.cycle_with_meetings(2027)
    meeting = cycle.meetings.get(slug="arbetsmote")
    [before] = events(client.get("/arshjul/2027/moten/arbetsmote/kalender.ics"))

    response = staff_client.post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {
            "cycle": cycle.pk,
            "kind": "work_meeting",
            "title": "Arbetsmöte",
            "slug": "arbetsmote",
            "published": "on",
            "date": "2027-01-13",
            "starts_at": "10:00",
            "ends_at": "16:00",
            "participation": "coordinators",
            "registration_closes_at_0": "2026-12-19",
            "registration_closes_at_1": "23:59:59",
            "materials-TOTAL_FORMS": "0",
            "materials-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    [after] = events(client.get("/arshjul/2027/moten/arbetsmote/kalender.ics"))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == datetime.datetime(2027, 1, 13, 10, tzinfo=STOCKHOLM)


def test_the_cycle_feed_has_every_meeting_and_deadline(client):
    factories.cycle_with_meetings(2027)

    feed = events(client.get("/arshjul/2027/kalender.ics"))

    summaries = [str(e["SUMMARY"]) for e in feed]
    assert summaries == [
        "Sista dag att anmäla sig till: Arbetsmöte",
        "Arbetsmöte",
        "Sista dagen att skriva workshopanteckningarna",  # 14 days after the work meeting
        "Riktningsmöte",
        "Konferensen Värmland 2040",
    ]
    deadline = feed[0]
    assert deadline.decoded("DTSTART") == datetime.date(2026, 12, 19)  # an all-day event
    assert feed[2].decoded("DTSTART") == datetime.date(2027, 1, 27)
    assert len({str(e["UID"]) for e in feed}) == 5
    conference = feed[4]
    assert conference.decoded("DTSTART") == datetime.date(2027, 9, 29)


def test_a_meeting_with_no_time_yet_is_an_all_day_event(client):
    factories.cycle_with_meetings(2027)
    [event] = events(client.get("/arshjul/2027/moten/konferens/kalender.ics"), timed=False)
    assert event.decoded("DTSTART") == datetime.date(2027, 9, 29)
    assert event.decoded("DTEND") == datetime.date(2027, 9, 30)


def test_an_unpublished_meeting_has_no_calendar_file(client):
    cycle = factories.cycle_with_meetings(2027)
    Meeting.objects.filter(cycle=cycle, slug="riktningsmote").update(published=False)
    assert client.get("/arshjul/2027/moten/riktningsmote/kalender.ics").status_code == 404
    feed = events(client.get("/arshjul/2027/kalender.ics"))
    assert "Riktningsmöte" not in [str(e["SUMMARY"]) for e in feed]
