"""A meeting's page and the meetings list say what is true now — save the date, open (until
when, places left), full with a waiting list, closed, held, by invitation, cancelled — and
offer a call to act only where one is possible."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import meeting_cancel, meeting_save
from registrations.models import Participant
from tests import factories

pytestmark = pytest.mark.django_db

CONFERENCE = "/arshjul/2027/moten/konferens/"
WORK = "/arshjul/2027/moten/arbetsmote/"


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


def conference(cycle, **fields):
    meeting = Meeting.objects.get(cycle=cycle, slug="konferens")
    for name, value in fields.items():
        setattr(meeting, name, value)
    return meeting_save(meeting=meeting)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def fill(meeting, count):
    org = factories.organisation()
    Participant.objects.bulk_create(
        Participant(meeting=meeting, organisation=org, name=f"P{n}", email=f"p{n}@example.org")
        for n in range(count)
    )
    meeting_save(meeting=meeting)  # as staff editing would: the pages are made anew


def test_save_the_date_says_when_registration_opens(client, cycle):
    conference(cycle, registration_opens_at=factories.end_of_day(2027, 5, 31))
    html = page(client, CONFERENCE)
    assert "Spara datumet! Anmälan öppnar 31 maj" in html
    assert "Anmäl dig" not in html


def test_open_registration_says_until_when_and_how_many_places_are_left(client, cycle):
    meeting = conference(
        cycle,
        participation="open",
        capacity=50,
        registration_closes_at=factories.end_of_day(2027, 9, 15),
    )
    fill(meeting, 12)
    html = page(client, CONFERENCE)
    assert "senast 15 september 2027" in html and "38 av 50 platser kvar" in html
    assert 'href="/arshjul/2027/moten/konferens/anmal/"' in html
    listing = page(client, "/arshjul/2027/moten/")
    assert "38 av 50 platser kvar" in listing


def test_a_full_meeting_says_so_and_offers_the_waiting_list(client, cycle):
    meeting = conference(cycle, participation="open", capacity=3)
    fill(meeting, 3)
    html = page(client, CONFERENCE)
    assert "Fullt: nya anmälningar hamnar på väntelistan" in html
    assert "Alla 3 platser är tagna" in html and "Anmäl mig till väntelistan" in html


def test_a_closed_registration_invites_nobody(client, cycle, frozen_now):
    frozen_now(2026, 12, 20, 9, 0)
    html = page(client, WORK)
    assert "Anmälan stängde 19 december" in html
    assert "Logga in som samordnare för att anmäla deltagare" not in html
    assert "Anmäl senast" not in html


def test_a_held_meeting_shows_its_documentation_and_no_call_to_act(client, frozen_now):
    frozen_now(2023, 1, 1, 12)
    cycle = factories.cycle_with_meetings(2023)
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.documentation = "Drygt hundra sakkunniga deltog."
    meeting_save(meeting=meeting)
    frozen_now(2026, 11, 27, 12)
    html = page(client, "/arshjul/2023/moten/arbetsmote/")
    assert "Mötet har hållits" in html and "Drygt hundra sakkunniga deltog." in html
    assert "Logga in som samordnare för att anmäla" not in html and "Anmäl senast" not in html
    assert "Lägg till i din kalender" not in html


def test_by_invitation_says_how_to_answer(client, cycle):
    meeting = Meeting.objects.get(cycle=cycle, slug="riktningsmote")
    meeting.registration_closes_at = factories.end_of_day(2027, 3, 9)
    meeting_save(meeting=meeting)
    html = page(client, "/arshjul/2027/moten/riktningsmote/")
    assert "Endast för inbjudna" in html and "Svara senast 9 mars 2027" in html
    assert "Anmäl dig" not in html


def test_a_cancelled_meeting_says_so(client, cycle):
    meeting_cancel(meeting=Meeting.objects.get(cycle=cycle, slug="arbetsmote"))
    html = page(client, WORK)
    assert "Mötet är inställt" in html
    assert "Logga in som samordnare för att anmäla" not in html
    assert "Inställt: Arbetsmöte" in page(client, "/")  # on the wheel too


def test_the_meetings_list_says_what_the_days_left_are_for(client, cycle):
    assert "22 dagar kvar att anmäla" in page(client, "/arshjul/2027/moten/")


def test_the_list_keeps_its_query_count_with_places_counted(
    client, cycle, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conference(cycle, participation="open", capacity=50)
    with CaptureQueriesContext(connection) as few:
        client.get("/arshjul/2027/moten/?a=1")
    for n in range(10):
        factories.meeting(
            cycle,
            slug=f"extra-{n}",
            participation="open",
            capacity=10,
            date=datetime.date(2027, 5, n + 1),
        )
    with django_assert_max_num_queries(len(few)):
        client.get("/arshjul/2027/moten/?a=2")
    _ = timezone
