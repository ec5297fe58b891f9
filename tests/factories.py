"""Small factory functions for tests: real rows in the real database, sensible defaults."""

import datetime
import itertools

from django.utils import timezone

from arshjul.models import Challenge, Coordinator, Cycle, CycleChallenge, Organisation, Strategy
from meetings.models import Meeting

_seq = itertools.count(1)


def organisation(**fields) -> Organisation:
    n = next(_seq)
    fields.setdefault("name", f"Organisation {n}")
    fields.setdefault("category", Organisation.Category.OTHER)
    fields.setdefault("contact_email", f"kontakt{n}@example.org")
    obj = Organisation(**fields)
    obj.full_clean()
    obj.save()
    return obj


def strategy(**fields) -> Strategy:
    fields.setdefault("name", "Värmlandsstrategin 2021–2040")
    if "organiser" not in fields:
        fields["organiser"] = organisation(
            name=f"Region Test {next(_seq)}", category=Organisation.Category.REGION
        )
    fields.setdefault("background", "Därför följer vi upp strategin varje år.")
    return Strategy.objects.create(**fields)


def cycle(year: int, *, status=Cycle.Status.PUBLISHED, challenges=(), **fields) -> Cycle:
    if "strategy" not in fields:
        fields["strategy"] = Strategy.objects.first() or strategy()
    fields.setdefault("name", f"Årshjul {year}")
    obj = Cycle.objects.create(year=year, status=status, **fields)
    for position, name in enumerate(challenges):
        challenge, _ = Challenge.objects.get_or_create(name=name)
        CycleChallenge.objects.create(cycle=obj, challenge=challenge, position=position)
    return obj


def meeting(cycle: Cycle, **fields) -> Meeting:
    fields.setdefault("kind", Meeting.Kind.WORK_MEETING)
    fields.setdefault("title", "Arbetsmöte")
    fields.setdefault("slug", f"mote-{next(_seq)}")
    fields.setdefault("date", datetime.date(cycle.year, 1, 13))
    fields.setdefault("published", True)
    return Meeting.objects.create(cycle=cycle, **fields)


def end_of_day(year: int, month: int, day: int) -> datetime.datetime:
    """23:59:59 Swedish time on the given day."""
    return timezone.make_aware(datetime.datetime(year, month, day, 23, 59, 59))


def cycle_with_meetings(year: int, **fields) -> Cycle:
    """A cycle on the customer's pattern: work meeting 13 Jan (sign-up closes 19 Dec the year
    before), direction meeting 23 Mar, conference 29 Sep."""
    obj = cycle(
        year,
        challenges=["demografi och utanförskap", "kompetensförsörjning och matchningsproblematik"],
        **fields,
    )
    meeting(
        obj,
        slug="arbetsmote",
        starts_at=datetime.time(9),
        ends_at=datetime.time(16),
        participation=Meeting.Participation.COORDINATORS,
        registration_closes_at=end_of_day(year - 1, 12, 19),
        has_workshop_groups=True,
        venue_name="Nöjesfabriken",
        venue_address="Västra Torggatan 26, Karlstad",
        contact_name="Maria Lindgren",
        contact_email="maria.lindgren@example.org",
    )
    meeting(
        obj,
        kind=Meeting.Kind.DIRECTION_MEETING,
        title="Riktningsmöte",
        slug="riktningsmote",
        date=datetime.date(year, 3, 23),
        participation=Meeting.Participation.INVITATION,
    )
    meeting(
        obj,
        kind=Meeting.Kind.CONFERENCE,
        title="Konferensen Värmland 2040",
        slug="konferens",
        date=datetime.date(year, 9, 29),
        participation=Meeting.Participation.UNDECIDED,
    )
    return obj


def material(cycle: Cycle, *, meeting: Meeting | None = None, **fields):
    """A published link material (no file), unless told otherwise."""
    from meetings.models import Material

    fields.setdefault("title", f"Material {next(_seq)}")
    fields.setdefault("published_from", timezone.now() - datetime.timedelta(days=1))
    if "file" not in fields:
        fields.setdefault("url", "https://example.org/material.pdf")
    return Material.objects.create(cycle=cycle, meeting=meeting, **fields)


def coordinator(cycle: Cycle, org: Organisation, **fields) -> Coordinator:
    n = next(_seq)
    fields.setdefault("name", f"Samordnare {n}")
    fields.setdefault("email", f"samordnare{n}@example.org")
    return Coordinator.objects.create(cycle=cycle, organisation=org, **fields)


def survey(cycle: Cycle, **fields):
    """A published survey open from 1 November to 19 December 23:59:59 the year before, with
    a yes/no question feeding ENK-1, a scale feeding ENK-3, a single choice and an optional
    free text (questions as ``survey.q``: yes, scale, choice, text)."""
    from survey.models import Question, Section, Survey

    fields.setdefault("title", "Ledningsenkäten")
    fields.setdefault("opens_on", datetime.date(cycle.year - 1, 11, 1))
    fields.setdefault("closes_at", end_of_day(cycle.year - 1, 12, 19))
    fields.setdefault("published", True)
    fields.setdefault("contact_email", "enkat@region.example.org")
    obj = Survey.objects.create(cycle=cycle, **fields)
    first = Section.objects.create(survey=obj, title="Kompetens", position=0)
    second = Section.objects.create(survey=obj, title="Förändring", position=1)
    obj.q = {
        "yes": Question.objects.create(
            section=first,
            position=0,
            kind=Question.Kind.YES_NO,
            text="Har ni haft kompetensutveckling?",
            indicator_code="ENK-1",
            indicator_rule=Question.Rule.YES,
        ),
        "choice": Question.objects.create(
            section=first,
            position=1,
            kind=Question.Kind.CHOICE,
            text="Hur ofta talar ni om strategin?",
            choices="Ofta\nIbland\nAldrig",
        ),
        "scale": Question.objects.create(
            section=second,
            position=0,
            kind=Question.Kind.SCALE,
            text="Vi uppmuntrar nya arbetssätt.",
            low_label="Instämmer inte alls",
            high_label="Instämmer helt",
            indicator_code="ENK-3",
            indicator_rule=Question.Rule.SCALE_4_5,
        ),
        "text": Question.objects.create(
            section=second,
            position=1,
            kind=Question.Kind.TEXT,
            text="Vad är ni stolta över?",
            required=False,
        ),
    }
    return obj


def leadership_group(org: Organisation, **fields):
    from survey.models import LeadershipGroup

    fields.setdefault("name", "Ledningsgrupp")
    fields.setdefault("contact_email", f"ledning{next(_seq)}@example.org")
    return LeadershipGroup.objects.create(organisation=org, **fields)


def submitted_response(survey, group, answers: dict):
    """A submitted response with the given answers ({"yes": "yes", "scale": "4", …})."""
    from survey.models import Answer, Response

    now = timezone.now()
    response = Response.objects.create(
        survey=survey,
        group=group,
        status=Response.Status.SUBMITTED,
        link_sent_at=now,
        started_at=now,
        last_saved_at=now,
        submitted_at=now,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=survey.q[key], value=value, saved_at=now)
        for key, value in answers.items()
    )
    return response
