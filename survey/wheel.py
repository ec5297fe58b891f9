"""The survey's step on the wheel of the year: its deadline."""

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.wheel import Step

from .models import Survey


def survey_steps(cycles):
    """One deadline step per published survey, for all cycles in one query."""
    for survey in Survey.objects.filter(cycle__in=cycles, published=True).order_by():
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
