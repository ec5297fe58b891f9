"""The home page and a cycle's page: what they show under the wheel, in order, and what a
cycle's copy to next year takes along."""

from django.db import transaction

from arshjul import services as cycle_services
from arshjul.cycle_pages import Part
from arshjul.models import Cycle
from followup.page_parts import report_parts
from indicators.page_parts import analysis_parts
from meetings.page_parts import meeting_parts
from meetings.services import meetings_copy_to_cycle
from situation.page_parts import picture_parts
from survey.page_parts import survey_parts
from survey.services import surveys_copy_to_cycle
from workshops.page_parts import lessons_parts

from . import wheel

# Under the wheel and the timeline: each app's part, with the models it is made from.
PARTS = [
    (meeting_parts, ["meetings.Meeting", "meetings.Material"]),  # the meetings, the material
    (survey_parts, ["survey.Survey"]),  # the survey and its published results
    (analysis_parts, ["indicators.StatusAnalysis", "indicators.Indicator"]),  # the analysis
    (picture_parts, ["situation.Picture"]),  # the lägesbild, once published
    (lessons_parts, ["workshops.NoteEntry", "workshops.NoteReflection"]),  # workshop lessons
    (report_parts, ["followup.Report"]),  # the year's follow-up report
]

# What the home and cycle pages are made from: the wheel, the parts, the regional leadership.
DEPENDS_ON = [
    *wheel.DEPENDS_ON,
    "arshjul.Organisation",
    *(model for _provider, models in PARTS for model in models),
]

# What a cycle's copy takes along, besides the cycle itself: the meetings, the surveys.
COPIES = [meetings_copy_to_cycle, surveys_copy_to_cycle]


def parts(cycle: Cycle, *, is_home: bool) -> list[Part]:
    return [part for provider, _models in PARTS for part in provider(cycle, is_home=is_home)]


@transaction.atomic
def cycle_copy_to_next_year(*, cycle: Cycle, coordinators=()) -> Cycle:
    """A draft of next year's cycle (:func:`arshjul.services.cycle_copy_to_next_year`) with
    what the apps keep per cycle (:data:`COPIES`), every date moved one year, in one
    transaction."""
    copy = cycle_services.cycle_copy_to_next_year(cycle=cycle, coordinators=coordinators)
    for take_along in COPIES:
        take_along(old=cycle, new=copy)
    return copy
