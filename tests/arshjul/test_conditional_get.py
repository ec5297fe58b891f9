"""A page meant for one person carries no validator (no ETag, no Last-Modified) and is never
answered "304 Not Modified": a browser asking with If-None-Match or If-Modified-Since gets
the page as it is now. Public pages, the same for everyone, keep theirs."""

import pytest
from django.test import Client

from tests import factories
from tests.helpers import sign_in, staff_member
from tests.survey.helpers import send_link

pytestmark = pytest.mark.django_db

ASKING_AGAIN = [
    {"HTTP_IF_NONE_MATCH": "*"},
    {"HTTP_IF_MODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"},
]


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    conference = cycle.meetings.get(slug="konferens")
    conference.participation = "open"
    conference.capacity = 100
    conference.registration_closes_at = factories.end_of_day(2027, 9, 1)
    conference.save()
    return cycle


@pytest.fixture
def anna(cycle, kil):
    return factories.coordinator(cycle, kil, name="Anna", email="anna@kil.example.org")


def assert_never_not_modified(client, url):
    """Asked three times (the second and third from the page cache, where it keeps one), and
    then as a browser that has the page: no validator, never 304."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ETag" not in response and "Last-Modified" not in response, url
        assert "no-store" in response["Cache-Control"], url
    for headers in [*ASKING_AGAIN, {"HTTP_IF_NONE_MATCH": '"anything"'}]:
        assert client.get(url, **headers).status_code == 200, (url, headers)


def test_a_coordinators_own_pages_never_answer_not_modified(cycle, anna):
    client = sign_in(Client(), anna)
    meeting = cycle.meetings.get(slug="arbetsmote")
    for url in ["/min-organisation/", f"/min-organisation/moten/{meeting.pk}/anmal/"]:
        assert_never_not_modified(client, url)


def test_the_open_sign_up_form_never_answers_not_modified(client, cycle):
    assert_never_not_modified(client, "/arshjul/2027/moten/konferens/anmal/")


def test_the_survey_page_of_a_personal_link_never_answers_not_modified(client, cycle, kil):
    survey = factories.survey(cycle)
    group = factories.leadership_group(kil, contact_email="ledning@kil.example.org")
    assert_never_not_modified(client, send_link(survey, group))


@pytest.mark.parametrize("role", ["Läsare", "Redaktör"])
def test_a_public_page_seen_by_staff_carries_no_validator(cycle, role):
    client = Client()
    client.force_login(staff_member(f"staff-{role}", role))
    assert_never_not_modified(client, "/arshjul/2027/")


def test_a_public_page_keeps_its_validators_for_everyone_not_signed_in(client, cycle, anna):
    first = client.get("/arshjul/2027/")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/arshjul/2027/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # A coordinator sees the same public page made for them: no validator.
    assert_never_not_modified(sign_in(Client(), anna), "/arshjul/2027/")
