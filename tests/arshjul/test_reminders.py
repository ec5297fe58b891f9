"""The one reminder schedule (arshjul.reminders) on its own: marks are Swedish calendar days
at the staff's hour, across a change to summer time too; a kind's trouble stops no other;
the settings are checked."""

import datetime

import pytest
import time_machine
from django.core import checks
from django.test import TestCase

from arshjul import reminders
from arshjul.lib.sweeps import run_sweeps
from arshjul.models import ReminderSent
from tests.helpers import STOCKHOLM, run_python

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def test_marks_are_calendar_days_at_the_hour_across_the_change_to_summer_time():
    deadline = at(2027, 4, 2, 23, 59, 59)  # summer time began 28 March
    assert reminders.plan(deadline, (7, 2), at(2027, 3, 1, 12)) == [
        (7, at(2027, 3, 26, 8), 7),
        (2, at(2027, 3, 31, 8), 2),
    ]


def test_a_mark_missed_is_planned_at_the_next_morning_with_the_real_days_left():
    deadline = at(2026, 12, 19, 23, 59, 59)
    assert reminders.plan(deadline, (7, 2), at(2026, 12, 14, 21)) == [
        (7, at(2026, 12, 15, 8), 4),
        (2, at(2026, 12, 17, 8), 2),
    ]
    # On the last evening nothing is left to plan: the morning after is too late.
    assert reminders.plan(deadline, (7, 2), at(2026, 12, 19, 21)) == []


@pytest.fixture
def two_kinds(settings):
    """A kind whose e-mail cannot be written, beside one that works, each with one
    recipient due 7 days before 19 December."""
    deadline = at(2026, 12, 19, 23, 59, 59)
    sent = []

    def pending(label):
        def recipients(*, now, until=None, cycle_id=None):
            yield reminders.Recipient("thing-1", "someone-1", deadline, 1, label)

        return recipients

    def broken(recipient, reminder):
        raise RuntimeError("the template is missing")

    def works(recipient, reminder):
        sent.append((recipient.key, reminder.days_left))

    for name, send in [("broken", broken), ("works", works)]:
        reminders.kind_register(
            reminders.Kind(name, name, pending(name), send, counted=lambda n: str(n))
        )
    settings.REMINDER_MARKS = {"broken": (7,), "works": (7,)}
    yield sent
    for name in ("broken", "works"):
        reminders.kinds.unregister(name)


def test_one_kinds_trouble_stops_no_other_and_leaves_no_claim(two_kinds):
    with (
        time_machine.travel(at(2026, 12, 12, 8), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        assert run_sweeps(["reminders"]) == {"reminders": 1}
    assert two_kinds == [("someone-1", 7)]
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == ["works"]


def test_a_kind_without_marks_goes_only_when_staff_remind(two_kinds, settings):
    settings.REMINDER_MARKS = {"works": ()}
    with time_machine.travel(at(2026, 12, 12, 8), tick=False):
        run_sweeps(["reminders"])
        assert two_kinds == []
        pending = reminders.kinds.get("works").pending(now=None)
        assert len(reminders.remind_now("works", pending)) == 1
    assert two_kinds == [("someone-1", 7)]


def test_a_kind_named_in_the_settings_that_no_app_registers_is_a_warning(settings):
    settings.REMINDER_MARKS = {**settings.REMINDER_MARKS, "surevy": (7,)}
    [warning] = reminders.check_reminder_marks(None)
    assert warning.level == checks.WARNING and "'surevy'" in warning.msg


def test_the_reminder_hour_is_never_at_night():
    refused = run_python("import django; django.setup()", REMINDER_HOUR="21", DEBUG="true")
    assert refused.returncode != 0
    assert "REMINDER_HOUR must be an hour from 7 to 19" in refused.stderr
    assert (
        run_python("import django; django.setup()", REMINDER_HOUR="9", DEBUG="true").returncode == 0
    )
