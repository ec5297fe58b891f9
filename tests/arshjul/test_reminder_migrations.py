"""On deploy, what the three old mechanisms had sent — the outbox's keys (sign-ups,
participants, invitations), Response.last_reminder_days (the survey), MaterialReminder (the
working material) — becomes the one schedule's claims: nobody is reminded twice."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail, ReminderSent
from tests.helpers import STOCKHOLM

BEFORE = [
    ("arshjul", "0010_embed_origins"),
    ("meetings", "0005_historicalmeeting"),
    ("registrations", "0005_historicalinvitation_historicalparticipant"),
    ("survey", "0002_historicalresponse"),
    ("working_material", "0001_initial"),
]


def at(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


def the_old_world(apps):
    """27 November 2026, before the deploy: Kil was reminded by each old mechanism (its
    sign-up 7 days before, its group 7 days before, its material 7 days before, its invitee);
    Eda never was."""
    model = apps.get_model
    organisation = model("arshjul", "Organisation")
    region = organisation.objects.create(name="Region", category="region")
    kil = organisation.objects.create(name="Kils kommun", category="other")
    eda = organisation.objects.create(name="Eda kommun", category="other")
    strategy = model("arshjul", "Strategy").objects.create(name="Strategin", organiser=region)
    cycle = model("arshjul", "Cycle").objects.create(
        strategy=strategy, name="Årshjul 2027", year=2027, status="published"
    )
    meeting = model("meetings", "Meeting")
    work = meeting.objects.create(
        cycle=cycle,
        kind="work_meeting",
        title="Arbetsmöte",
        slug="arbetsmote",
        date=datetime.date(2027, 1, 13),
        participation="coordinators",
        registration_closes_at=at(2026, 12, 19, 23, 59, 59),
        published=True,
    )
    direction = meeting.objects.create(
        cycle=cycle,
        kind="direction_meeting",
        title="Riktningsmöte",
        slug="riktningsmote",
        date=datetime.date(2027, 3, 23),
        participation="invitation",
        registration_closes_at=at(2027, 3, 1, 23, 59, 59),
        published=True,
        invitation_reminder_days=7,
    )
    coordinator = model("arshjul", "Coordinator")
    coordinator.objects.create(cycle=cycle, organisation=kil, name="Anna", email="anna@kil.se")
    coordinator.objects.create(cycle=cycle, organisation=eda, name="Erik", email="erik@eda.se")
    survey = model("survey", "Survey").objects.create(
        cycle=cycle,
        title="Ledningsenkäten",
        opens_on=datetime.date(2026, 11, 1),
        closes_at=at(2026, 12, 19, 23, 59, 59),
        published=True,
    )
    group = model("survey", "LeadershipGroup")
    response = model("survey", "Response")
    for organisation_, address, reminded in [(kil, "lg@kil.se", 7), (eda, "lg@eda.se", None)]:
        response.objects.create(
            survey=survey,
            group=group.objects.create(
                organisation=organisation_, name="Ledningsgrupp", contact_email=address
            ),
            link_sent_at=at(2026, 11, 2, 9),
            last_reminder_days=reminded,
        )
    material = model("working_material", "WorkingMaterial").objects.create(
        cycle=cycle, closes_at=at(2027, 1, 8, 23, 59, 59), published=True
    )
    challenge = model("arshjul", "Challenge").objects.create(name="demografi")
    model("working_material", "GuidingQuestions").objects.create(
        material=material, challenge=challenge
    )
    model("working_material", "MaterialReminder").objects.create(
        material=material, organisation=kil, days=7
    )
    invitation = model("registrations", "Invitation")
    quiet = invitation.objects.create(
        meeting=direction,
        name="Tyst",
        email="tyst@kil.se",
        organisation=kil,
        sent_at=at(2027, 2, 1),
    )
    invitation.objects.create(
        meeting=direction, name="Ny", email="ny@eda.se", organisation=eda, sent_at=at(2027, 2, 1)
    )
    mail = model("arshjul", "OutgoingMail")
    for kind, key in [
        ("reminder_no_participants", f"reminder:{work.pk}:org-{kil.pk}:7d"),
        ("invitation_reminder", f"invitation:{quiet.pk}:reminder"),
    ]:
        mail.objects.create(kind=kind, dedup_key=key, to="x@kil.se", subject="s", body_text="b")


@pytest.mark.django_db(transaction=True)
def test_what_the_old_mechanisms_sent_is_not_sent_again_after_the_deploy():
    try:
        with time_machine.travel(at(2026, 12, 13, 9), tick=False) as clock:
            the_old_world(migrate(BEFORE))
            migrate()
            assert ReminderSent.objects.count() == 4
            OutgoingMail.objects.all().delete()

            def reminded(kind):
                with TestCase.captureOnCommitCallbacks(execute=True):
                    run_sweeps(["reminders"])
                return sorted(OutgoingMail.objects.filter(kind=kind).values_list("to", flat=True))

            # The 7-day marks went before the deploy: only Eda, who had none, gets one.
            assert reminded("reminder_no_participants") == ["erik@eda.se"]
            assert reminded("survey_reminder") == ["lg@eda.se"]
            clock.move_to(at(2027, 1, 2, 9))
            assert reminded("working_material_reminder") == ["erik@eda.se"]
            clock.move_to(at(2027, 2, 23, 9))
            assert reminded("invitation_reminder") == ["ny@eda.se"]
    finally:
        migrate()
