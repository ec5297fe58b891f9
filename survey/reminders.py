"""The survey's reminder, on the one schedule (:mod:`arshjul.reminders`, which decides when,
and sends each once per group and mark): a leadership group that has its link and has not
submitted is reminded before its deadline (its own, when staff gave it more time), with what
is still missing. Here is only whom to remind and what to write."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arshjul import reminders

from . import emails, services
from .models import Question, Response, Survey


def _recipients(responses):
    for response in responses.select_related("survey", "group__organisation").order_by("pk"):
        yield reminders.Recipient(
            subject=f"survey-{response.survey_id}",
            key=f"response-{response.pk}",
            deadline=response.deadline,
            cycle_id=response.survey.cycle_id,
            label=response.survey.title,
            about=response,
        )


def _not_submitted(**filters):
    return Response.objects.filter(
        status=Response.Status.DRAFT,
        link_sent_at__isnull=False,
        survey__published=True,
        group__active=True,
        **filters,
    )


def pending(*, now, until=None, cycle_id=None):
    """Groups with their link that have not submitted an open survey, before their deadline."""
    responses = _not_submitted(survey__opens_on__lte=timezone.localdate(now)).filter(
        Q(survey__closes_at__gt=now) | Q(deadline_extended_to__gt=now)
    )
    if until is not None:
        responses = responses.filter(survey__closes_at__lte=until).filter(
            Q(deadline_extended_to__isnull=True) | Q(deadline_extended_to__lte=until)
        )
    if cycle_id is not None:
        responses = responses.filter(survey__cycle_id=cycle_id)
    return _recipients(responses)


def send(recipient: reminders.Recipient, reminder: reminders.Reminder) -> None:
    """The reminder with the group's link and what is still missing: how many required
    questions have no answer yet, or only the submitting."""
    response: Response = recipient.about
    required = Question.objects.filter(section__survey=response.survey_id, required=True).count()
    missing = len(services.missing_answers(response))
    url = services.response_url(response)
    response.save(update_fields=["token_nonce", "token_hash"])
    emails.survey_link(
        response, url=url, reminder=reminder, progress={"required": required, "missing": missing}
    )


def responses_remind(*, survey: Survey, organisation_ids, by=None) -> int:
    """Remind, now, the groups of the given organisations that have their link and have not
    submitted (staff chose them on the dashboard), through the schedule's claim: no group
    twice a day, none after its deadline. Returns how many organisations had a group
    reminded."""
    responses = _not_submitted(
        survey=survey,
        survey__opens_on__lte=timezone.localdate(),
        group__organisation_id__in=organisation_ids,
    )
    reached = reminders.remind_now("survey", _recipients(responses), by=by)
    return len({recipient.about.group.organisation_id for recipient in reached})


SURVEY = reminders.Kind(
    name="survey",
    label=_("Leadership survey: groups that have not submitted"),
    pending=pending,
    send=send,
    counted=lambda n: ngettext("%(count)d group", "%(count)d groups", n) % {"count": n},
)
