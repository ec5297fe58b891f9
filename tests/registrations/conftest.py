"""Fixtures of the sign-ups' tests (the cycle, Kil's and Eda's coordinators and the cast are
in tests/conftest.py)."""

import pytest

from registrations.services import Person, participants_register


@pytest.fixture
def work_meeting(cycle):
    return cycle.meetings.get(slug="arbetsmote")


@pytest.fixture
def ada(owner, work_meeting):
    """One participant of Kils kommun, registered for the work meeting."""
    group = work_meeting.cycle.cycle_challenges.first().challenge
    [participant] = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[Person("Ada Andersson", "ada@kil.example.org", workshop_group=group)],
    )
    return participant
