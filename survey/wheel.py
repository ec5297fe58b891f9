"""The survey's steps on the wheel of the year: the period it is open, and its deadline."""

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Survey

# The survey's own ring on the wheel (registered in SurveyConfig.ready()).
PERIOD = "survey_period"


def survey_steps(cycles):
    """One deadline step per published survey, for all cycles in one query."""
    for survey in Survey.objects.filter(cycle__in=cycles, published=True).order_by():
        closes_on = timezone.localdate(survey.closes_at)
        if survey.opens_on and survey.opens_on < closes_on:
            yield Step(
                cycle_id=survey.cycle_id,
                date=survey.opens_on,
                ends_on=closes_on,
                title=_("%(survey)s is open") % {"survey": survey.title},
                kind=PERIOD,
                label=_("Survey period"),
                uid=f"survey-period-{survey.pk}",
            )
        yield Step(
            cycle_id=survey.cycle_id,
            date=timezone.localdate(survey.closes_at),
            title=_("Last day to answer: %(survey)s") % {"survey": survey.title},
            kind=Step.Kind.DEADLINE,
            label=_("Deadline"),
            uid=f"survey-deadline-{survey.pk}",
            description=_(
                "Each organisation's management group or board answers together, through "
                "the link its coordinator sends."
            ),
        )
