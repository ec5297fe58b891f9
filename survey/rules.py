"""When a group may answer — the one place it is decided, for the answer page, the links, the
reminders and the admin.

A published survey takes answers from the start of its opening day until its deadline
(through :mod:`arshjul.deadlines`, the same rule as sign-ups: 19 December 23:59:59 is still
in time, the second after is not). Staff can give one group more time
(``Response.deadline_extended_to``). A submitted response takes no more changes until staff
reopen it.
"""

import datetime
import enum
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul import deadlines
from arshjul.lib.forms import error_words

from .errors import SurveyRefused
from .models import LeadershipGroup, Response, Survey


class Action(enum.StrEnum):
    SAVE = "save"
    SUBMIT = "submit"


@dataclass(frozen=True)
class SurveyWindow:
    class State(enum.StrEnum):
        UNPUBLISHED = "unpublished"
        NOT_OPEN = "not_open"
        OPEN = "open"
        CLOSED = "closed"

    state: State
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    days_left: int | None  # while open: Swedish calendar days to the deadline (0: today)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def words(self) -> str:
        """ "8 dagar kvar", "Öppnar 1 november", "Stängde 19 december"."""
        State = self.State
        if self.state == State.UNPUBLISHED:
            return _("Not published yet")
        if self.state == State.NOT_OPEN:
            return _("Opens %(date)s") % {"date": deadlines.day_words(self.opens_at)}
        if self.state == State.CLOSED:
            return _("Closed %(date)s") % {"date": deadlines.day_words(self.closes_at)}
        if self.days_left == 0:
            return _("Last day to answer: today")
        return ngettext("%(days)d day left", "%(days)d days left", self.days_left) % {
            "days": self.days_left
        }

    def deadline_words(self) -> str:
        """ "senast 19 december 2026"."""
        return _("by %(date)s") % {"date": deadlines.day_words(self.closes_at)}


def opens_at(survey: Survey) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(survey.opens_on, datetime.time.min))


def survey_window(survey: Survey, *, response: Response | None = None, now=None) -> SurveyWindow:
    """Where the survey stands for a group (its own deadline, when it has more time)."""
    now = now or timezone.now()
    State = SurveyWindow.State
    closes = response.deadline if response is not None else survey.closes_at
    days = None
    if not survey.published:
        state = State.UNPUBLISHED
    elif now < opens_at(survey):
        state = State.NOT_OPEN
    elif deadlines.has_passed(closes, now=now):
        state = State.CLOSED
    else:
        state = State.OPEN
        days = deadlines.days_left(closes, now=now)
    return SurveyWindow(state, opens_at(survey), closes, days)


def check(response: Response, action: Action, *, now=None) -> None:
    """Raise :class:`SurveyRefused` unless the group may ``action`` its response now."""
    now = now or timezone.now()
    if response.is_submitted:
        raise SurveyRefused(
            _("Your response was submitted %(date)s and can no longer be changed.")
            % {"date": deadlines.day_words(response.submitted_at)}
            + " "
            + _contact_words(response.survey)
        )
    window = survey_window(response.survey, response=response, now=now)
    State = SurveyWindow.State
    if window.state == State.UNPUBLISHED:
        raise SurveyRefused(_("The survey is not open."))
    if window.state == State.NOT_OPEN:
        raise SurveyRefused(
            _("The survey opens %(date)s.") % {"date": deadlines.day_words(window.opens_at)}
        )
    if window.state == State.CLOSED:
        raise SurveyRefused(
            _("The survey closed %(date)s.") % {"date": deadlines.day_words(window.closes_at)}
            + " "
            + _contact_words(response.survey)
        )


def refusal(response: Response, action: Action, *, now=None) -> str:
    """Why ``action`` is not allowed now, in words; empty when it is."""
    try:
        check(response, action, now=now)
    except SurveyRefused as error:
        return error_words(error)
    return ""


def _contact_words(survey: Survey) -> str:
    if survey.contact_email:
        return _("If you need more time or a change, write to %(email)s.") % {
            "email": survey.contact_email
        }
    return _("If you need more time or a change, contact the region.")


# --- Publishing the results --------------------------------------------------------------------


def answers_close_at(survey: Survey) -> datetime.datetime:
    """The last moment any group can still answer: the survey's deadline, or a later one
    staff gave a group that has not submitted."""
    extended = (
        survey.responses.filter(
            deadline_extended_to__gt=survey.closes_at, status=Response.Status.DRAFT
        )
        .order_by("-deadline_extended_to")
        .values_list("deadline_extended_to", flat=True)
        .first()
    )
    return extended or survey.closes_at


def results_may_be_final(survey: Survey, *, now=None) -> bool:
    """Whether the survey's results are final: no group can answer any more. Before that
    they can be published only as preliminary results, and they feed no indicator."""
    return deadlines.has_passed(answers_close_at(survey), now=now or timezone.now())


def results_refusal(survey: Survey, *, preliminary: bool, now=None) -> str:
    """Why the results cannot be published now (final, or ``preliminary``), in words; empty
    when they can."""
    now = now or timezone.now()
    window = survey_window(survey, now=now)
    State = SurveyWindow.State
    if window.state == State.UNPUBLISHED:
        return _("Only a published survey's results can be published.")
    if window.state == State.NOT_OPEN:
        return _("The survey opens %(date)s: there are no results to publish yet.") % {
            "date": deadlines.day_words(window.opens_at)
        }
    if not preliminary and not results_may_be_final(survey, now=now):
        return _(
            "Groups can answer until %(date)s: until then the results can be published only "
            "as preliminary results."
        ) % {"date": deadlines.day_words(answers_close_at(survey))}
    return ""


def preliminary_words(survey: Survey) -> str:
    """What the public page says of preliminary results: "Preliminära resultat: 9 av 30
    grupper har svarat, enkäten stänger 19 december"."""
    groups = LeadershipGroup.objects.active().count()
    answered = survey.responses.filter(status=Response.Status.SUBMITTED, group__active=True).count()
    return _(
        "Preliminary results: %(answered)d of %(groups)d groups have answered, the survey "
        "closes %(date)s."
    ) % {
        "answered": answered,
        "groups": groups,
        "date": deadlines.day_words(answers_close_at(survey)),
    }
