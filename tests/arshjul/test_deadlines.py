"""One deadline rule for every app (arshjul.deadlines): the deadline's whole last second is in
time, the next is not; every app's "end of the day" is the same instant."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from arshjul import deadlines

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def test_the_end_of_a_day_and_the_annual_deadline_are_one_instant():
    day = datetime.date(2026, 12, 19)
    assert (
        deadlines.end_of_day(day) == deadlines.annual_deadline(2027) == at(2026, 12, 19, 23, 59, 59)
    )


@pytest.mark.parametrize(
    ("now", "passed"),
    [
        (at(2026, 12, 19, 23, 59, 58, 999_999), False),
        (at(2026, 12, 19, 23, 59, 59), False),
        (at(2026, 12, 19, 23, 59, 59, 999_999), False),  # all of the last second is in time
        (at(2026, 12, 20, 0, 0, 0), True),
    ],
)
def test_a_deadline_passes_with_the_second_after_its_own(now, passed):
    deadline = deadlines.annual_deadline(2027)
    assert deadlines.has_passed(deadline, now=now) is passed
    # A deadline stored by an older release, at .999999, passes at the same instant.
    older = deadline.replace(microsecond=999_999)
    assert deadlines.has_passed(older, now=now) is passed


def test_no_deadline_never_passes():
    assert not deadlines.has_passed(None, now=at(2099, 1, 1))
