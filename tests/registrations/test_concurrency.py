"""No overbooking when many sign up at once: real threads, real connections, PostgreSQL."""

import pytest
from django.db import connection

from arshjul.models import Coordinator
from meetings.models import Meeting
from registrations.colleagues import MAX_COLLEAGUES, colleague_add
from registrations.errors import RegistrationError
from registrations.models import Participant
from registrations.services import Person, participants_register
from tests import factories
from tests.helpers import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 50


def test_50_people_signing_up_for_the_last_10_places_get_10_places_and_40_waiting(frozen_now):
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    meeting = cycle.meetings.get(slug="arbetsmote")
    group = cycle.cycle_challenges.first().challenge
    organisations = [factories.organisation() for _ in range(THREADS)]
    for n in range(20):  # 20 of 30 places already taken
        Participant.objects.create(
            meeting=meeting,
            organisation=organisations[0],
            name=f"Tidig {n}",
            email=f"tidig{n}@example.org",
            workshop_group=group,
        )
    Meeting.objects.filter(pk=meeting.pk).update(capacity=30)
    meeting.refresh_from_db()

    def sign_up(n):
        participants_register(
            meeting=meeting,
            organisation=organisations[n],
            people=[Person(f"Person {n}", f"person{n}@example.org", workshop_group=group)],
        )

    run_at_once(THREADS, sign_up)  # asserts that none raised
    new = Participant.objects.filter(email__startswith="person")
    assert new.filter(status="confirmed").count() == 10
    assert new.filter(status="waiting").count() == 40
    assert Participant.objects.confirmed().filter(meeting=meeting).count() == 30


def test_eight_colleagues_added_at_once_with_three_places_left_make_five_not_more(frozen_now):
    """The cap of co-coordinators is counted and kept under one lock: of eight adds at once
    with three places left, three are added and five refused."""
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    kil = factories.organisation(name="Kils kommun")
    lead = factories.coordinator(cycle, kil, email="anna@kil.example.org")
    for n in range(MAX_COLLEAGUES - 3):
        colleague_add(coordinator=lead, name=f"Tidig {n}", email=f"tidig{n}@kil.example.org")

    def add(n):
        try:
            colleague_add(coordinator=lead, name=f"Ny {n}", email=f"ny{n}@kil.example.org")
        except RegistrationError:
            return "refused"
        return "added"

    answers = run_at_once(8, add)
    assert sorted(answers) == ["added"] * 3 + ["refused"] * 5
    colleagues = Coordinator.objects.filter(organisation=kil, is_lead=False)
    assert colleagues.count() == MAX_COLLEAGUES
