import io

import pytest
from django.core.management import call_command

from registrations.services import Person, participant_cancel, participants_register
from tests import factories
from tests.helpers import outbox

pytestmark = pytest.mark.django_db


def sweep(*names):
    call_command("run_sweeps", *names, stdout=io.StringIO())


def register(meeting, organisation, *names):
    group = meeting.cycle.cycle_challenges.first().challenge
    return participants_register(
        meeting=meeting,
        organisation=organisation,
        people=[Person(n, f"{n.lower()}@example.org", workshop_group=group) for n in names],
    )


def test_coordinators_without_participants_are_reminded_7_and_2_days_before_once_each(
    owner, outsider, work_meeting, frozen_now
):
    register(work_meeting, outsider.organisation, "Eve")  # Eda has registered: no reminder

    frozen_now(2026, 12, 11, 23, 0)  # 8 days before: too early
    sweep("reminders")
    assert outbox("reminder_no_participants") == []

    frozen_now(2026, 12, 12, 7, 55)  # the day 7 days before, but not yet 08:00
    sweep("reminders")
    assert outbox("reminder_no_participants") == []

    frozen_now(2026, 12, 12, 8, 0)
    sweep("reminders")
    sweep("reminders")
    [seven] = outbox("reminder_no_participants")
    assert seven.to == owner.email
    assert seven.subject == (
        "Kils kommun: 7 dagar kvar att anmäla deltagare till Arbetsmöte (19 december)"
    )
    assert "Kils kommun har inte anmält någon till Arbetsmöte än." in seven.body_text
    assert "7 dagar kvar." in seven.body_text

    frozen_now(2026, 12, 17, 8, 0)  # 2 days before
    sweep("reminders")
    sweep("reminders")
    assert [
        m.subject.split(":")[1].split(" att")[0] for m in outbox("reminder_no_participants")
    ] == [
        " 7 dagar kvar",
        " 2 dagar kvar",
    ]

    frozen_now(2026, 12, 20, 8, 0)  # closed
    sweep("reminders")
    assert len(outbox("reminder_no_participants")) == 2


def test_every_coordinator_of_the_organisation_gets_the_sign_up_reminder(
    owner, work_meeting, frozen_now
):
    factories.coordinator(
        work_meeting.cycle,
        owner.organisation,
        name="Bo Kollega",
        email="bo@kil.example.org",
        is_lead=False,
    )
    frozen_now(2026, 12, 12, 8, 0)
    sweep("reminders")
    assert sorted(m.to for m in outbox("reminder_no_participants")) == [
        "anna@kil.example.org",
        "bo@kil.example.org",
    ]


def test_participants_are_reminded_2_days_before_the_meeting_once(owner, work_meeting, frozen_now):
    ada, bo = register(work_meeting, owner.organisation, "Ada", "Bo")
    participant_cancel(participant=bo)

    frozen_now(2027, 1, 10, 8, 0)
    sweep("reminders")
    assert outbox("reminder_participant") == []

    frozen_now(2027, 1, 11, 10, 0)
    sweep("reminders")
    sweep("reminders")
    [reminder] = outbox("reminder_participant")
    assert reminder.to == "ada@example.org"
    assert reminder.subject == "Välkommen till Arbetsmöte om 2 dagar (13 januari)"


def test_the_coordinator_gets_one_summary_after_a_burst_of_changes(owner, work_meeting, frozen_now):
    register(work_meeting, owner.organisation, "Ada")
    frozen_now(2026, 11, 27, 12, 5)
    [bo] = register(work_meeting, owner.organisation, "Bo")
    frozen_now(2026, 11, 27, 12, 8)
    participant_cancel(participant=bo)

    frozen_now(2026, 11, 27, 12, 15)  # 7 minutes after the last change: still busy
    sweep("coordinator-digests")
    assert outbox("coordinator_digest") == []

    frozen_now(2026, 11, 27, 12, 19)
    sweep("coordinator-digests")
    sweep("coordinator-digests")
    [digest] = outbox("coordinator_digest")
    assert digest.to == owner.email
    assert "Ada" in digest.body_text and "Bo" not in digest.body_text

    frozen_now(2026, 11, 27, 13, 0)
    register(work_meeting, owner.organisation, "Cia")
    frozen_now(2026, 11, 27, 13, 11)
    sweep("coordinator-digests")
    assert len(outbox("coordinator_digest")) == 2
