"""The demo's follow-up reports (``manage.py seed_demo``): the past cycle's report, published
and made final — the year's record, compiled from the demo's rows as they stand — and a draft
for the upcoming cycle. In our own words."""

import datetime

from django.utils import timezone

from arshjul.demo import coordinator_for, ensure
from arshjul.lib.page_cache import rows_changed
from arshjul.models import Organisation
from meetings.models import Meeting
from registrations.models import Participant

from .compile import compiled
from .models import Report

PAST_CONCLUSIONS = """\
Riktningsmötet utgick från den gemensamma lägesbilden och landade i tre slutsatser:

1. **Kompetensförsörjningen** är den utmaning där flest organisationer redan arbetar, men
   insatserna känner inte till varandra. Nätverken finns – de behöver mötas.
2. **Unga utanför arbete och studier** syns i indikatorerna men få insatser riktar sig
   direkt till dem. Här finns ett tydligt glapp.
3. Idéburen sektor och lärosätet vill vara med mer; de behöver bjudas in tidigare i året.
"""

PAST_NEXT_STEPS = """\
Konferensen i september får temat **"Kroka arm för kompetensen"**: de organisationer som
nämner samma nätverk bjuds in att berätta om sitt arbete tillsammans.

Inför nästa år följer vi särskilt upp andelen unga som varken arbetar eller studerar, och
arbetsmötets grupper får i uppdrag att föreslå en gemensam insats.
"""

UPCOMING_NEXT_STEPS = """\
Utkast: konferensens tema bestäms på riktningsmötet. Förslag hittills: *matchning på en
föränderlig arbetsmarknad*.
"""


def seed_cycle(cycle, *, past: bool) -> int:
    if not past:
        _report, new = ensure(Report, {"cycle": cycle}, next_steps=UPCOMING_NEXT_STEPS)
        return int(new)
    created = _seed_who_took_part(cycle)
    published = timezone.make_aware(datetime.datetime(cycle.year, 10, 2, 9))
    report, new = ensure(
        Report,
        {"cycle": cycle},
        conclusions=PAST_CONCLUSIONS,
        next_steps=PAST_NEXT_STEPS,
        published_at=published,
    )
    if new:  # the year's record, as it stood when it was made final (its PDF made when asked)
        report.snapshot = compiled(report)
        report.final_at = published + datetime.timedelta(days=7)
        report.save(update_fields=["snapshot", "final_at"])
    return created + int(new)


# Who came to the past cycle's meetings: people per organisation (every n-th organisation
# in the register's order), and a few from organisations not in the register.
TOOK_PART = {
    Meeting.Kind.WORK_MEETING: {"every": 1, "people": 3, "unregistered": ["Studieförbund Väst"]},
    Meeting.Kind.DIRECTION_MEETING: {"every": 2, "people": 1, "unregistered": []},
    Meeting.Kind.CONFERENCE: {
        "every": 1,
        "people": 4,
        "unregistered": ["Föreningen Framtid Värmland", "Bygdegårdarna i Värmland"],
    },
}


def _seed_who_took_part(cycle) -> int:
    """The past cycle's participants, unless its meetings have some already (another part of
    the demo may seed them)."""
    meetings = list(Meeting.objects.filter(cycle=cycle))
    if Participant.objects.filter(meeting__in=meetings).exists():
        return 0
    organisations = list(Organisation.objects.order_by("name"))
    rows = []
    for meeting in meetings:
        plan = TOOK_PART.get(meeting.kind)
        if plan is None:
            continue
        for index, org in enumerate(organisations[:: plan["every"]]):
            for n in range(1 + (index + n_offset(meeting)) % plan["people"]):
                name, email = coordinator_for(index * 5 + n, org.name, cycle.year + n)
                rows.append(
                    Participant(meeting=meeting, organisation=org, name=name, email=f"{n}.{email}")
                )
        for index, given in enumerate(plan["unregistered"]):
            name, email = coordinator_for(index, given, cycle.year)
            rows.append(
                Participant(meeting=meeting, organisation_name=given, name=name, email=email)
            )
    Participant.objects.bulk_create(rows)
    rows_changed(Participant)
    return len(rows)


def n_offset(meeting) -> int:
    return {Meeting.Kind.WORK_MEETING: 1, Meeting.Kind.CONFERENCE: 2}.get(meeting.kind, 0)
