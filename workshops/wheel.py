"""The workshop notes' step on the wheel of the year: the last day to write them."""

from django.utils.translation import gettext as _

from arshjul.wheel import Step
from meetings.models import Meeting

from . import rules


def notes_steps(cycles):
    """One deadline per published meeting with workshop groups, for all cycles in one
    query."""
    meetings = (
        Meeting.objects.published()
        .filter(cycle__in=cycles, has_workshop_groups=True, cancelled_at__isnull=True)
        .select_related("notes_closing")
        .order_by()
    )
    for meeting in meetings:
        yield Step(
            cycle_id=meeting.cycle_id,
            date=rules.closing_day(meeting),
            title=_("Last day to write the workshop notes"),
            kind=Step.Kind.DEADLINE,
            label=_("Deadline"),
            uid=f"workshop-notes-{meeting.pk}",
            description=_(
                "The scribes of the workshop groups at %(meeting)s write down what the room "
                "added to the status analysis: initiatives, gaps and ideas for working together."
            )
            % {"meeting": meeting.title},
        )
