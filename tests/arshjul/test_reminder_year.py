"""The year on a moved clock: every sweep runs every hour (every quarter of an hour on the
days reminders are due) from November to the meetings, and each reminder goes on its day at
the hour, once; none at night; none after its deadline. A system down over a mark sends late
only words that are still true."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from registrations import invitations
from registrations.models import Invitation
from registrations.services import Person, participants_register
from survey.models import Response
from tests import factories
from tests.helpers import STOCKHOLM
from working_material.models import Answer, GuidingQuestions, WorkingMaterial

pytestmark = pytest.mark.django_db

REMINDERS = [
    "reminder_no_participants",
    "survey_reminder",
    "working_material_reminder",
    "reminder_participant",
    "invitation_reminder",
]


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def year(frozen_now):
    """1 November 2026, the 2027 cycle:

    - sign-up for the work meeting (13 January) closes 19 December; Karin coordinates both
      Kils kommun and Hammarö kommun, and neither has registered anyone; Eda has (Ada);
    - the survey closes 19 December; Kil's group has its link and has not submitted;
    - the working material is due 8 January; Eda is done, Kil and Hammarö are not;
    - the direction meeting's invitations close 1 March; Tyst has not answered.
    """
    frozen_now(2026, 11, 1, 12)
    cycle = factories.cycle_with_meetings(2027)
    work = cycle.meetings.get(slug="arbetsmote")
    direction = cycle.meetings.get(slug="riktningsmote")
    direction.registration_closes_at = factories.end_of_day(2027, 3, 1)
    direction.save()
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    hammaro = factories.organisation(
        name="Hammarö kommun", category="municipality", municipality_code="1782"
    )
    eda = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    for organisation in (kil, hammaro):
        factories.coordinator(cycle, organisation, name="Karin Lund", email="karin@example.org")
    factories.coordinator(cycle, eda, name="Erik Eda", email="erik@eda.example.org")
    challenge = cycle.cycle_challenges.first().challenge
    participants_register(
        meeting=work,
        organisation=eda,
        people=[Person("Ada Eda", "ada@eda.example.org", workshop_group=challenge)],
    )
    survey = factories.survey(cycle)
    group = factories.leadership_group(kil, name="Kils ledningsgrupp", contact_email="lg@kil.se")
    Response.objects.create(survey=survey, group=group, link_sent_at=timezone.now())
    material = WorkingMaterial.objects.create(
        cycle=cycle, closes_at=factories.end_of_day(2027, 1, 8), published=True
    )
    for item in cycle.cycle_challenges.all():
        GuidingQuestions.objects.create(material=material, challenge=item.challenge)
        Answer.objects.create(
            material=material, organisation=eda, challenge=item.challenge, status="done"
        )
    invitation = invitations.invitation_add(
        meeting=direction, name="Tyst", email="tyst@kil.example.org", organisation=kil
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    OutgoingMail.objects.all().delete()  # what setting up sent
    return {"cycle": cycle, "work": work, "direction": direction}


def moments(start, end, *, every=datetime.timedelta(hours=1)):
    moment = start
    while moment < end:
        yield moment
        moment += every


MARK_DAYS = [
    datetime.date(2026, 12, 12),  # 7 days before sign-up and the survey close (19 December)
    datetime.date(2026, 12, 17),  # 2 days before
    datetime.date(2027, 1, 1),  # 7 days before the working material is due (8 January)
    datetime.date(2027, 1, 6),  # 2 days before
    datetime.date(2027, 1, 11),  # 2 days before the work meeting (13 January)
    datetime.date(2027, 2, 22),  # 7 days before the invitations close (1 March)
]


def the_year():
    """Every other day at 08:00 from 1 November to the day the invitations close (a reminder
    due on a wrong day would go at the next of these, and be seen); on each day a reminder
    is due, every hour from 18:00 the evening before until 10:00, every quarter of an hour
    from 07:00 to 08:15, and through the afternoon and the night after."""
    hour, quarter = datetime.timedelta(hours=1), datetime.timedelta(minutes=15)
    every = {m.replace(hour=8) for m in moments(at(2026, 11, 2), at(2027, 3, 3), every=48 * hour)}
    for day in MARK_DAYS:
        morning = at(day.year, day.month, day.day, 7)
        every |= set(moments(morning - 13 * hour, morning + 3 * hour))
        every |= set(moments(morning, morning + 5 * quarter, every=quarter))
        every |= {morning.replace(hour=h, minute=m) for h, m in [(12, 0), (16, 0), (19, 45)]}
        every |= {morning.replace(hour=h) for h in (20, 21, 23)}
    return sorted(every)


def reminders():
    return list(
        OutgoingMail.objects.filter(kind__in=REMINDERS)
        .order_by("created_at", "to", "subject")
        .values_list("kind", "to", "created_at", "subject")
    )


def sweep_through(moments_):
    with time_machine.travel(moments_[0], tick=False) as clock:
        for moment in moments_:
            clock.move_to(moment)
            run_sweeps()


def when(created_at) -> tuple:
    local = timezone.localtime(created_at, STOCKHOLM)
    return (local.month, local.day, local.hour, local.minute)


def test_each_reminder_goes_on_its_day_at_eight_once_and_never_at_night(year):
    sweep_through(the_year())

    sent = reminders()
    got = Counter((kind, to, when(created_at)) for kind, to, created_at, _ in sent)
    assert got == Counter(
        {
            # Sign-up closes 19 December: 7 and 2 days before, to Karin once per organisation.
            ("reminder_no_participants", "karin@example.org", (12, 12, 8, 0)): 2,
            ("reminder_no_participants", "karin@example.org", (12, 17, 8, 0)): 2,
            ("survey_reminder", "lg@kil.se", (12, 12, 8, 0)): 1,
            ("survey_reminder", "lg@kil.se", (12, 17, 8, 0)): 1,
            # The working material is due 8 January.
            ("working_material_reminder", "karin@example.org", (1, 1, 8, 0)): 2,
            ("working_material_reminder", "karin@example.org", (1, 6, 8, 0)): 2,
            # The work meeting is 13 January.
            ("reminder_participant", "ada@eda.example.org", (1, 11, 8, 0)): 1,
            # The direction meeting's invitations close 1 March.
            ("invitation_reminder", "tyst@kil.example.org", (2, 22, 8, 0)): 1,
        }
    )
    # Each says something new: no two to one person share a subject.
    subjects = Counter((to, subject) for _, to, _, subject in sent)
    assert max(subjects.values()) == 1
    subjects_to_karin = [s for k, to, _, s in sent if to == "karin@example.org"]
    assert "Kils kommun: 7 dagar kvar att anmäla deltagare till Arbetsmöte (19 december)" in (
        subjects_to_karin
    )
    assert "Hammarö kommun: 2 dagar kvar att svara på arbetsmaterialet (8 januari)" in (
        subjects_to_karin
    )


def test_a_system_down_over_the_seven_day_mark_sends_the_real_days_left_at_office_hours(year):
    sweep_through(list(moments(at(2026, 12, 11, 12), at(2026, 12, 11, 13))))
    # Down from 11 December noon; up again at 02:00 on the 14th: nothing at night.
    sweep_through(list(moments(at(2026, 12, 14, 2), at(2026, 12, 15, 0))))

    sent = [(kind, when(created_at), subject) for kind, _, created_at, subject in reminders()]
    assert {(kind, moment) for kind, moment, _ in sent} == {
        ("reminder_no_participants", (12, 14, 8, 0)),
        ("survey_reminder", (12, 14, 8, 0)),
    }
    assert all("5 dagar kvar" in subject for _, _, subject in sent)
    assert not any("7 dagar" in subject for _, _, subject in sent)


def test_a_system_down_until_a_nearer_mark_skips_the_missed_one(year):
    sweep_through(list(moments(at(2026, 12, 11, 12), at(2026, 12, 11, 13))))
    sweep_through(list(moments(at(2026, 12, 17, 12), at(2026, 12, 17, 14))))

    sent = reminders()
    assert len(sent) == 3  # Karin twice (Kil, Hammarö) and Kil's group, once each
    assert all("2 dagar kvar" in subject for *_, subject in sent)
    assert {when(created_at) for _, _, created_at, _ in sent} == {(12, 17, 12, 0)}


def test_a_system_down_over_the_deadline_sends_nothing_late(year):
    sweep_through(list(moments(at(2026, 12, 11, 12), at(2026, 12, 11, 13))))
    sweep_through(list(moments(at(2026, 12, 20, 0), at(2026, 12, 21, 0))))

    assert [kind for kind, *_ in reminders()] == []


def test_the_last_day_says_so_when_a_reminder_comes_late_on_it(year):
    sweep_through(list(moments(at(2026, 12, 11, 12), at(2026, 12, 11, 13))))
    sweep_through(list(moments(at(2026, 12, 19, 6), at(2026, 12, 19, 10))))

    sent = reminders()
    assert {when(created_at) for _, _, created_at, _ in sent} == {(12, 19, 8, 0)}
    assert all("sista dagen" in subject.lower() for *_, subject in sent)


def test_the_hour_is_the_one_staff_set(year, settings):
    settings.REMINDER_HOUR = 10
    sweep_through(list(moments(at(2026, 12, 12, 0), at(2026, 12, 13, 0))))

    assert {when(created_at) for _, _, created_at, _ in reminders()} == {(12, 12, 10, 0)}
