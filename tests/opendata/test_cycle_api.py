"""/api/v1/cycles/: the published cycles with their steps and meetings, as the cycle's page
and its wheel show them — and nothing about who takes part."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.models import Cycle
from indicators.models import StatusAnalysis
from opendata.datasets import DATASETS
from pages import wheel
from registrations.models import Participant
from tests import factories
from tests.helpers import STOCKHOLM


def meeting_of(body: dict, slug: str) -> dict:
    return next(m for m in body["meetings"] if m["slug"] == slug)


def test_the_cycles_are_the_published_ones_newest_first_with_the_wheels_steps(client, demo_data):
    factories.cycle(2031, status=Cycle.Status.DRAFT)

    body = client.get("/api/v1/cycles/").json()

    assert [c["year"] for c in body["results"]] == [2027, 2023]
    cycle = body["results"][0]
    shown = wheel.steps_for(Cycle.objects.get(year=2027))
    assert [(s["date"], s["title"]) for s in cycle["steps"]] == [
        (s.date.isoformat(), s.title) for s in shown
    ]
    assert cycle["url"].endswith("/arshjul/2027/")
    assert cycle["calendar_url"].endswith("/arshjul/2027/kalender.ics")


def test_a_meeting_reads_as_its_page_does_in_swedish_time(client, cycle):
    body = client.get("/api/v1/cycles/2027/").json()

    work = meeting_of(body, "arbetsmote")
    assert work["starts_at"] == "2027-01-13T09:00:00+01:00"
    assert work["ends_at"] == "2027-01-13T16:00:00+01:00"
    assert work["venue_name"] == "Nöjesfabriken"
    assert work["registration_closes_at"] == "2026-12-19T23:59:59+01:00"
    assert work["url"].endswith("/arshjul/2027/moten/arbetsmote/")
    conference = meeting_of(body, "konferens")
    assert conference["starts_at"] is None  # no time decided yet


def test_no_contact_person_participant_or_places_taken_is_told(client, cycle):
    work = cycle.meetings.get(slug="arbetsmote")
    work.capacity = 100
    work.save()
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    Participant.objects.create(
        meeting=work, organisation=kil, name="Ada Andersson", email="ada@kil.example.org"
    )

    response = client.get("/api/v1/cycles/2027/")

    text = response.content.decode()
    for secret in ["Maria Lindgren", "maria.lindgren@", "Ada Andersson", "ada@kil", "Kils kommun"]:
        assert secret not in text
    assert set(meeting_of(response.json(), "arbetsmote")) == {
        "title", "slug", "kind", "kind_label", "summary", "date", "starts_at", "ends_at",
        "venue_name", "venue_address", "map_url", "participation", "participation_label",
        "registration_closes_at", "cancelled", "url", "calendar_url",
    }  # fmt: skip


def test_an_invitation_only_meeting_keeps_its_answer_deadline_to_the_invited(client, cycle):
    direction = cycle.meetings.get(slug="riktningsmote")
    direction.registration_closes_at = factories.end_of_day(2027, 3, 9)
    direction.save()

    body = client.get("/api/v1/cycles/2027/").json()

    assert meeting_of(body, "riktningsmote")["registration_closes_at"] is None
    assert not [
        s for s in body["steps"] if "Riktningsmöte" in s["title"] and s["kind"] == "deadline"
    ]


def test_a_draft_cycle_and_an_unpublished_meeting_are_not_there(client, cycle):
    factories.cycle(2028, status=Cycle.Status.DRAFT)
    factories.meeting(cycle, title="Hemligt möte", slug="hemligt", published=False)

    assert "Hemligt möte" not in client.get("/api/v1/cycles/2027/").content.decode()
    response = client.get("/api/v1/cycles/2028/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["message"]["en"]


def test_a_parameter_the_api_does_not_know_is_refused_and_says_which(client, cycle):
    response = client.get("/api/v1/cycles/?yaer=2027")

    assert response.status_code == 400
    assert list(response.json()["error"]["details"]) == ["yaer"]


def test_an_analysis_published_from_a_later_moment_appears_on_the_wheel_at_that_moment(
    client, cycle
):
    published = datetime.datetime(2026, 12, 1, 9, tzinfo=STOCKHOLM)
    StatusAnalysis.objects.create(
        cycle=cycle, stage="preliminary", title="Preliminär nulägesanalys", published_at=published
    )

    def titles():
        return [s["title"] for s in client.get("/api/v1/cycles/2027/").json()["steps"]]

    assert "Preliminär nulägesanalys" not in titles()
    with time_machine.travel(published + datetime.timedelta(minutes=1), tick=False):
        assert "Preliminär nulägesanalys" in titles()


def test_the_dataset_has_a_row_for_each_step_of_the_api(client, cycle):
    api = client.get("/api/v1/cycles/").json()["results"]
    rows = list(DATASETS["arshjul"].rows())

    assert [(r[0], r[1].isoformat(), r[5]) for r in rows] == [
        (c["year"], s["date"], s["title"]) for c in api for s in c["steps"]
    ]


def _more_cycles(count: int):
    for year in range(2030, 2030 + count):
        cycle = factories.cycle_with_meetings(year)
        for n in range(3):
            factories.meeting(cycle, slug=f"extra-{n}", date=datetime.date(year, 5, n + 1))


def test_the_queries_stay_as_few_however_many_cycles_and_meetings(
    client, settings, cycle, django_assert_max_num_queries
):
    settings.PAGE_CACHE = False
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/cycles/").status_code == 200
    _more_cycles(6)

    with django_assert_max_num_queries(len(few)):
        body = client.get("/api/v1/cycles/").json()
    assert body["count"] == 7


def test_a_cancelled_meeting_says_so_and_has_no_deadline(client, cycle):
    work = cycle.meetings.get(slug="arbetsmote")
    work.cancelled_at = timezone.now()
    work.save()

    found = meeting_of(client.get("/api/v1/cycles/2027/").json(), "arbetsmote")

    assert found["cancelled"] is True
    assert found["registration_closes_at"] is None


def test_a_meeting_changed_shows_at_once_though_the_answer_is_kept(client, cycle):
    first = client.get("/api/v1/cycles/2027/")
    assert client.get("/api/v1/cycles/2027/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    work = cycle.meetings.get(slug="arbetsmote")
    work.title = "Arbetsmöte om kompetens"
    work.save()

    titles = [m["title"] for m in client.get("/api/v1/cycles/2027/").json()["meetings"]]

    assert "Arbetsmöte om kompetens" in titles
