"""The wheel of the year: every dated step of a cycle, in the rings they are drawn in.

The steps, in the order they are read (sorted by date afterwards), each from the app that
owns them, with the models they are made from (a page showing them is made anew when one of
those changes)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from arshjul import wheel
from arshjul.lib.branding import DEFAULT_ACCENT
from arshjul.models import Cycle, CycleChallenge
from followup.wheel import report_steps
from indicators.analysis import analysis_steps
from meetings.wheel import meeting_steps
from situation.wheel import picture_steps
from survey.wheel import PERIOD, survey_steps
from working_material.wheel import material_steps
from workshops.wheel import notes_steps

STEPS = [
    (meeting_steps, ["meetings.Meeting"]),
    (survey_steps, ["survey.Survey"]),
    (material_steps, ["working_material.WorkingMaterial"]),
    (analysis_steps, ["indicators.StatusAnalysis"]),
    (notes_steps, ["meetings.Meeting", "workshops.NotesClosing"]),
    (picture_steps, ["situation.Picture"]),
    (report_steps, ["followup.Report"]),
]

RINGS = {
    ring.kind: ring
    for ring in [
        # Meetings in the organiser's accent colour (arshjul.wheel.site_drawing) or this one.
        wheel.Ring(wheel.Step.Kind.MEETING, _("meeting"), order=10, colour=DEFAULT_ACCENT),
        wheel.Ring(
            wheel.Step.Kind.DEADLINE, _("deadline"), order=20, colour="#9b1c1f", shape="diamond"
        ),
        wheel.Ring(
            wheel.Step.Kind.PUBLICATION,
            _("publication"),
            order=30,
            colour="#1e6b2e",
            shape="square",
        ),
        wheel.Ring(PERIOD, _("survey open"), order=40, colour="#5b2a86", shape="circle"),
    ]
}

# What the steps are made of, and the cycles they belong to.
DEPENDS_ON = [
    "arshjul.Cycle",
    "arshjul.CycleChallenge",
    "arshjul.Challenge",
    "arshjul.Strategy",
    *(model for _provider, models in STEPS for model in models),
]


def steps_by_cycle(cycles) -> dict[int, list[wheel.Step]]:
    """All steps of the given cycles, by cycle id, in date order (one query per provider)."""
    result: dict[int, list[wheel.Step]] = {cycle.pk: [] for cycle in cycles}
    if not cycles:
        return result
    for provider, _models in STEPS:
        for step in provider(cycles):
            result[step.cycle_id].append(step)
    for steps in result.values():
        # Deadlines before meetings on the same day: the deadline is the thing to act on.
        steps.sort(key=lambda s: (s.date, s.kind != wheel.Step.Kind.DEADLINE, s.title))
    return result


def steps_for(cycle) -> list[wheel.Step]:
    return steps_by_cycle([cycle])[cycle.pk]


def drawing(steps, **kwargs) -> wheel.WheelDrawing:
    """The wheel as the site draws it (:func:`arshjul.wheel.site_drawing`), in these rings."""
    return wheel.site_drawing(steps, rings=RINGS, **kwargs)


@dataclass(frozen=True)
class PublishedCycles:
    """Every published cycle with its steps: read once, for the home and cycle pages."""

    cycles: list[Cycle]  # newest first
    steps: dict[int, list[wheel.Step]]

    def current(self, *, today: datetime.date) -> Cycle | None:
        """The earliest cycle with a step still ahead (today counts as ahead), else the
        latest one, else none."""
        for cycle in reversed(self.cycles):
            if self.steps[cycle.pk] and self.steps[cycle.pk][-1].date >= today:
                return cycle
        return self.cycles[0] if self.cycles else None

    def by_year(self, year: int) -> Cycle | None:
        return next((c for c in self.cycles if c.year == year), None)


def cycles_published_with_steps() -> PublishedCycles:
    """Published cycles and their steps, with the challenges prefetched (a fixed number of
    queries, whatever the number of cycles and steps)."""
    cycles = list(
        Cycle.objects.published()
        .select_related("strategy")
        .prefetch_related(
            Prefetch(
                "cycle_challenges",
                queryset=CycleChallenge.objects.select_related("challenge"),
            )
        )
        .order_by("-year")
    )
    return PublishedCycles(cycles, steps_by_cycle(cycles))
