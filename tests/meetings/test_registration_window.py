import pytest

from meetings.models import Meeting
from registrations.window import RegistrationWindow, registration_window
from tests import factories

pytestmark = pytest.mark.django_db
State = RegistrationWindow.State


@pytest.fixture
def work_meeting():
    return factories.cycle_with_meetings(2027).meetings.get(slug="arbetsmote")


@pytest.mark.parametrize(
    ("now", "state", "words"),
    [
        ((2026, 12, 11, 10, 0), State.OPEN, "8 dagar kvar"),
        ((2026, 12, 18, 23, 0), State.OPEN, "1 dag kvar"),
        ((2026, 12, 19, 0, 0), State.OPEN, "Sista dagen att anmäla sig är i dag"),
        ((2026, 12, 19, 23, 59, 59), State.OPEN, "Sista dagen att anmäla sig är i dag"),
        ((2026, 12, 20, 0, 0, 0), State.CLOSED, "Anmälan stängde 19 december"),
    ],
)
def test_the_deadline_is_the_end_of_19_december_in_swedish_time(
    work_meeting, frozen_now, now, state, words
):
    frozen_now(*now)
    window = registration_window(work_meeting)
    assert window.state == state
    assert window.words() == words


def test_registration_that_has_not_opened_says_when_it_opens(work_meeting, frozen_now):
    frozen_now(2026, 9, 1, 12)
    work_meeting.registration_opens_at = factories.end_of_day(2026, 10, 2)
    assert registration_window(work_meeting).words() == "Anmälan öppnar 2 oktober"


def test_a_meeting_without_a_deadline_closes_when_it_starts(work_meeting, frozen_now):
    work_meeting.registration_closes_at = None
    frozen_now(2027, 1, 13, 9, 30)
    assert registration_window(work_meeting).state == State.CLOSED


def test_invitation_and_save_the_date_have_their_own_words(work_meeting):
    work_meeting.participation = Meeting.Participation.INVITATION
    assert registration_window(work_meeting).words() == "Endast för inbjudna"
    work_meeting.participation = Meeting.Participation.UNDECIDED
    assert registration_window(work_meeting).words() == "Inbjudan kommer"
