"""What the year's follow-up report shows, as plain data (JSON-able): compiled from what the
cycle collected, never retyped. The page, the PDF and the final record (``Report.snapshot``)
all read this; a final report reads its snapshot, so it reads the same whatever is imported,
changed or deleted later.

    {
      "year": 2027, "cycle": "Årshjul 2027", "previous_year": 2026 | null,
      "participation": [  # one per meeting of the cycle, in date order
        {"kind", "kind_label", "title", "date": "2027-01-13",
         "organisations", "people",
         "previous": {"year", "title", "organisations", "people"} | null,
         "categories": [{"key", "label", "organisations", "people",
                         "previous_organisations", "previous_people"}]}],
      "survey": {"title", "groups", "submitted", "rate",
                 "previous": {"year", "groups", "submitted", "rate"} | null,
                 "results_public": bool,
                 "indicators": [{"code", "name", "value", "previous"}]} | null,
      "indicators": {"areas": [{"name", "indicators", "with_trend", "desired"}],
                     "indicators", "with_trend", "desired"},
      "picture": situation.compile.current(cycle),
      "conclusions": "Markdown", "next_steps": "Markdown",
      "conference": {"title", "date", "summary"} | null
    }

Participation counts the *confirmed* participants of each meeting (the waiting list and the
cancelled are left out): people, and the organisations they came from (an organisation not in
the register counted once by the name given, under "Not in the register"). Last year is the
latest earlier cycle, its meeting of the same kind (the first of that kind, or the same in
order when a cycle has several).
"""

import datetime

from django.db.models import Count
from django.utils.translation import gettext as _

from arshjul.lib import numbers
from arshjul.models import Cycle, Organisation
from indicators.models import Indicator
from indicators.selectors import areas_with_indicators
from meetings.models import Meeting
from registrations.models import Participant
from situation.compile import current as current_picture
from situation.compile import without_contacts
from survey import results as survey_results
from survey.models import Survey

UNREGISTERED = "unregistered"  # the key of participants whose organisation is not registered


def compiled(report) -> dict:
    """The report of ``report.cycle`` as it stands now, with staff's texts (a constant number
    of queries, whatever the number of organisations and participants)."""
    cycle = report.cycle
    previous = Cycle.objects.filter(year__lt=cycle.year).order_by("-year").first()
    meetings = _meetings(cycle, previous)
    return {
        "year": cycle.year,
        "cycle": cycle.name,
        "previous_year": previous.year if previous else None,
        "participation": _participation(cycle, previous, meetings),
        "survey": _survey(cycle),
        "indicators": _indicators(),
        # The report is public and kept for good: the organisations, not their coordinators.
        "picture": without_contacts(current_picture(cycle)),
        "conclusions": report.conclusions,
        "next_steps": report.next_steps,
        "conference": _conference(meetings, cycle),
    }


def _meetings(cycle, previous) -> list[Meeting]:
    cycles = [cycle.pk] + ([previous.pk] if previous else [])
    return list(
        Meeting.objects.filter(cycle__in=cycles, cancelled_at__isnull=True).order_by(
            "date", "starts_at", "pk"
        )
    )


def _counted(meetings) -> dict[int, dict[str, dict]]:
    """Per meeting id, per category key: {"organisations": set, "people": int} (one
    query)."""
    rows = (
        Participant.objects.confirmed()
        .filter(meeting__in=meetings)
        .values_list("meeting_id", "organisation_id", "organisation__category", "organisation_name")
        .annotate(people=Count("pk"))
        .order_by()
    )
    counted: dict[int, dict[str, dict]] = {}
    for meeting_id, org_id, category, org_name, people in rows:
        key = category or UNREGISTERED
        who = org_id if org_id else " ".join(org_name.split()).casefold()
        cell = counted.setdefault(meeting_id, {}).setdefault(
            key, {"organisations": set(), "people": 0}
        )
        cell["organisations"].add(who)
        cell["people"] += people
    return counted


def _category_label(key: str) -> str:
    if key == UNREGISTERED:
        return _("Not in the register")
    return str(Organisation.Category(key).label)


def _participation(cycle, previous, meetings) -> list[dict]:
    counted = _counted(meetings)
    ours = [m for m in meetings if m.cycle_id == cycle.pk]
    theirs = [m for m in meetings if previous and m.cycle_id == previous.pk]
    result = []
    for meeting in ours:
        same_kind = [m for m in theirs if m.kind == meeting.kind]
        order = [m for m in ours if m.kind == meeting.kind].index(meeting)
        before = same_kind[min(order, len(same_kind) - 1)] if same_kind else None
        now, then = counted.get(meeting.pk, {}), counted.get(before.pk, {}) if before else {}
        keys = [c.value for c in Organisation.Category] + [UNREGISTERED]
        categories = [
            {
                "key": key,
                "label": _category_label(key),
                "organisations": len(now.get(key, {}).get("organisations", ())),
                "people": now.get(key, {}).get("people", 0),
                "previous_organisations": len(then.get(key, {}).get("organisations", ())),
                "previous_people": then.get(key, {}).get("people", 0),
            }
            for key in keys
            if key in now or key in then
        ]
        result.append(
            {
                "kind": meeting.kind,
                "kind_label": str(meeting.get_kind_display()),
                "title": meeting.title,
                "date": meeting.date.isoformat(),
                "organisations": sum(c["organisations"] for c in categories),
                "people": sum(c["people"] for c in categories),
                "previous": {
                    "year": previous.year,
                    "title": before.title,
                    "organisations": sum(c["previous_organisations"] for c in categories),
                    "people": sum(c["previous_people"] for c in categories),
                }
                if before
                else None,
                "categories": categories,
            }
        )
    return result


def _survey_of(cycle) -> Survey | None:
    return (
        Survey.objects.filter(cycle=cycle, published=True)
        .select_related("cycle")
        .order_by("-closes_at", "-pk")
        .first()
    )


def _rate(survey) -> dict:
    _table, total = survey_results.response_rate(survey)
    return {
        "year": survey.cycle.year,
        "groups": total.groups,
        "submitted": total.submitted,
        "rate": total.submitted_words,
    }


def _survey(cycle) -> dict | None:
    """The response rate (submitted of the active leadership groups) and, once the results
    are public, the four indicators' values, each with last year's."""
    survey = _survey_of(cycle)
    if survey is None:
        return None
    previous = survey_results.previous_of(survey)
    public = survey_results.public_results(survey)
    indicators = []
    if public:
        values = survey_results.indicator_values(survey)
        before = survey_results.indicator_values(previous) if previous else {}
        names = dict(Indicator.objects.filter(code__in=list(values)).values_list("code", "name"))
        indicators = [
            {
                "code": code,
                "name": names.get(code) or value.question.text,
                "value": value.words(),
                "previous": before[code].words() if code in before else "",
            }
            for code, value in sorted(values.items())
        ]
    rate = _rate(survey)
    return {
        "title": survey.title,
        **{k: rate[k] for k in ("groups", "submitted", "rate")},
        "previous": _rate(previous) if previous else None,
        "results_public": public,
        "indicators": indicators,
    }


def _indicators() -> dict:
    """By area of effort: how many indicators, how many have a trend (two years or more), and
    how many of those go the desired way (three queries)."""
    areas = [
        {
            "name": area.name,
            "indicators": len(area.series),
            "with_trend": sum(1 for s in area.series if s.change),
            "desired": sum(1 for s in area.series if s.is_desired),
        }
        for area in areas_with_indicators()
    ]
    return {
        "areas": areas,
        **{k: sum(a[k] for a in areas) for k in ("indicators", "with_trend", "desired")},
    }


def _conference(meetings, cycle) -> dict | None:
    found = [m for m in meetings if m.cycle_id == cycle.pk and m.kind == Meeting.Kind.CONFERENCE]
    if not found:
        return None
    meeting = found[0]
    return {"title": meeting.title, "date": meeting.date.isoformat(), "summary": meeting.summary}


def readable(data: dict) -> dict:
    """The compiled data for a template: the dates as dates, the shares in words."""
    data = {**data}
    data["participation"] = [
        {**m, "date": datetime.date.fromisoformat(m["date"])} for m in data["participation"]
    ]
    if data.get("conference"):
        conference = data["conference"]
        data["conference"] = {**conference, "date": datetime.date.fromisoformat(conference["date"])}
    indicators = data["indicators"]
    data["indicators"] = {
        **indicators,
        "areas": [
            {**a, "share": numbers.share_words(a["desired"], a["with_trend"])}
            for a in indicators["areas"]
        ],
        "share": numbers.share_words(indicators["desired"], indicators["with_trend"]),
    }
    return data
