"""Fixtures of the workshop notes' tests (the cycle, Kil and Eda, their coordinators and the
cast are in tests/conftest.py): the 2027 work meeting on 13 January 2027 (its notes close
27 January 2027, 23:59:59), the notes of its first group and two scribes."""

import pytest

from workshops.models import Notes, Scribe


@pytest.fixture
def work_meeting(cycle):
    return cycle.meetings.get(slug="arbetsmote")


@pytest.fixture
def challenges(cycle):
    return [item.challenge for item in cycle.cycle_challenges.order_by("position")]


@pytest.fixture
def notes(work_meeting, challenges):
    """The notes of the group on the first focus challenge."""
    return Notes.objects.create(meeting=work_meeting, challenge=challenges[0])


@pytest.fixture
def lina(notes):
    """A scribe of the group (staff, by name and address)."""
    return Scribe.objects.create(notes=notes, name="Lina Skrivare", email="lina@example.org")


@pytest.fixture
def oskar(notes):
    """The group's other scribe."""
    return Scribe.objects.create(notes=notes, name="Oskar Antecknare", email="oskar@example.org")
