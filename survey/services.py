"""Writes of the leadership survey: groups and their links, saving and submitting answers,
what staff do (reopen, more time, a new link, copies). (The reminders: :mod:`survey.reminders`.)

Every rule about *when* is asked of :mod:`survey.rules`; views, the admin and the sweeps all
come through here.
"""

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib import drafts, pdf_jobs, tokens
from arshjul.lib.emails import absolute_url
from arshjul.lib.sweeps import sweep
from arshjul.lib.validators import normalise_email
from arshjul.services import a_year_later, a_year_later_moment

from . import emails, rules
from .errors import SurveyError, SurveyRefused
from .models import Answer, LeadershipGroup, Question, Response, Survey
from .rules import Action
from .signals import results_published

__all__ = ["SurveyRefused", "SurveyError"]

# --- Links -------------------------------------------------------------------------------------


def response_url(response: Response, *, renew: bool = False) -> str:
    """The group's personal link (made on first use, or anew with ``renew``: the caller
    saves the response)."""
    token = tokens.personal_token(response, "survey", renew=renew)
    return absolute_url(tokens.token_path("survey:answer", token))


def receipt_url(response: Response) -> str:
    token = tokens.personal_token(response, "survey")
    return absolute_url(tokens.token_path("survey:receipt", token))


def response_get_or_create(*, survey: Survey, group: LeadershipGroup) -> Response:
    response, _created = Response.objects.get_or_create(survey=survey, group=group)
    return response


def links_send(*, survey: Survey, groups, renew: bool = False, sending: str = "") -> int:
    """Send each active group its personal link (again) through the outbox; with ``renew``,
    a new link that replaces the old one (a leaked link then opens nothing). Groups that can
    no longer answer (closed, submitted) are skipped. One ``sending`` (the key of the staff's
    confirmation) sends each group's link once, however often it is posted. Returns how many
    were sent now."""
    if not survey.published:
        raise SurveyError(_("Publish the survey before sending it to the groups."))
    sent = 0
    now = timezone.now()
    for group in groups:
        if not group.active:
            continue
        with transaction.atomic():
            response_get_or_create(survey=survey, group=group)
            # Locked, with its link as stored: the same sending posted twice at once waits
            # here, then makes the same link and finds its e-mail queued already.
            response = Response.objects.select_for_update().get(survey=survey, group=group)
            response.survey, response.group = survey, group
            if not renew and not _may_still_answer(response, now=now):
                continue
            url = response_url(response, renew=renew)
            response.save(update_fields=["token_nonce", "token_hash"])
            if not emails.survey_link(response, url=url, sending=sending).queued_now:
                continue
            response.link_sent_at = now
            response.save(update_fields=["link_sent_at"])
        sent += 1
    return sent


def _may_still_answer(response: Response, *, now) -> bool:
    """Not submitted, and not past its deadline: a link sent before the survey opens is
    fine (the page says when it opens)."""
    window = rules.survey_window(response.survey, response=response, now=now)
    return not response.is_submitted and window.state != window.State.CLOSED


def link_replace(*, response: Response) -> Response:
    """A new link for the group, sent to its contact; the old one stops working (staff, for a
    link that went astray)."""
    links_send(survey=response.survey, groups=[response.group], renew=True)
    response.refresh_from_db()
    return response


# --- Groups ------------------------------------------------------------------------------------


def group_add(*, organisation, name: str, contact_email: str) -> LeadershipGroup:
    """Add a leadership group (a management group, a board) to an organisation."""
    group = LeadershipGroup(
        organisation=organisation, name=name.strip(), contact_email=normalise_email(contact_email)
    )
    return _group_save(group)


def group_update(*, group: LeadershipGroup, name: str, contact_email: str) -> LeadershipGroup:
    group.name = name.strip()
    group.contact_email = normalise_email(contact_email)
    return _group_save(group)


def _group_save(group: LeadershipGroup) -> LeadershipGroup:
    try:
        group.full_clean()
    except ValidationError as error:  # e.g. a name the organisation has already
        raise SurveyError(error) from error
    group.save()
    return group


# --- Answering ---------------------------------------------------------------------------------


def answers_save(
    *,
    response: Response,
    values: Mapping[int, str],
    seen: Mapping[int, drafts.Shown] | None = None,
    saved_by: str = "",
    now=None,
) -> drafts.Result:
    """Save a group's draft answers (``values`` by question id; "" clears one).

    ``seen`` holds, per question, what the page was showing (value and version; a question
    missing from it: the page showed nothing). Only what this person changed is saved
    (:mod:`arshjul.lib.drafts`): an answer they left as the page showed it stays as saved,
    and an answer both they and someone else changed is returned as a conflict, for the
    person to choose — never overwritten.
    """
    now = now or timezone.now()
    saved_by = saved_by.strip()[:100]
    seen = seen or {}
    with transaction.atomic():
        # One save at a time per response: the versions compared are the ones written.
        response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
        rules.check(response, Action.SAVE, now=now)
        questions = set(
            Question.objects.filter(section__survey=response.survey_id).values_list("pk", flat=True)
        )
        if set(values) - questions:
            raise SurveyError(_("The answers name questions that are not in this survey."))
        current = {a.question_id: a for a in response.answers.all()}
        plan = drafts.plan(
            {
                q: drafts.Edit(value, seen.get(q, drafts.Shown(None, 0)))
                for q, value in values.items()
            },
            {q: answer.as_saved for q, answer in current.items()},
        )
        new, changed = [], []
        for question_id, value in plan.writes.items():
            answer = current.get(question_id)
            if answer is None:
                answer = Answer(response=response, question_id=question_id, version=0)
                current[question_id] = answer
                new.append(answer)
            else:
                changed.append(answer)
            answer.value, answer.saved_at, answer.saved_by = value, now, saved_by
            answer.version += 1
        Answer.objects.bulk_create(new)
        Answer.objects.bulk_update(changed, ["value", "version", "saved_at", "saved_by"])
        if plan.writes:
            response.started_at = response.started_at or now
            response.last_saved_at, response.last_saved_by = now, saved_by
            response.save(update_fields=["started_at", "last_saved_at", "last_saved_by"])
    return drafts.Result(
        saved=len(plan.writes),
        conflicts=plan.conflicts,
        state={q: answer.as_saved for q, answer in current.items()},
        settled=plan.settled,
    )


def missing_answers(response: Response) -> list[Question]:
    """The questions that must be answered and are not (one query)."""
    return list(
        Question.objects.filter(section__survey=response.survey_id, required=True)
        .exclude(answers__response=response, answers__value__gt="")
        .select_related("section")
    )


def response_submit(*, response: Response, submitted_by: str = "", now=None) -> Response:
    """Submit the group's answers: after this they are read-only (until staff reopen). A
    receipt PDF is made in the background, and the group's contact gets the receipt's link."""
    now = now or timezone.now()
    with transaction.atomic():
        response = (
            Response.objects.select_for_update()
            .select_related("survey", "group__organisation")
            .get(pk=response.pk)
        )
        rules.check(response, Action.SUBMIT, now=now)
        missing = missing_answers(response)
        if missing:
            raise SurveyError(
                [
                    _("Answer “%(question)s” before you submit.") % {"question": q.text}
                    for q in missing
                ]
            )
        response.status = Response.Status.SUBMITTED
        response.submitted_at = now
        response.submitted_by = submitted_by.strip()[:100]
        response.receipt = pdf_jobs.pdf_job_start(
            kind="survey_receipt", parameters={"response_id": response.pk}
        )
        url = receipt_url(response)
        response.save()
        emails.survey_submitted(response, receipt_url=url)
    return response


def receipt_job(*, response: Response):
    """The job making the response's receipt PDF, started again if it failed or was cleaned
    away."""
    job = response.receipt
    if job is None or job.state == job.State.FAILED:
        job = pdf_jobs.pdf_job_start(kind="survey_receipt", parameters={"response_id": response.pk})
        Response.objects.filter(pk=response.pk).update(receipt=job)
        response.receipt = job
    return job


# --- Staff -------------------------------------------------------------------------------------


def response_reopen(*, response: Response) -> Response:
    """Open a submitted response again, for the group to change and submit anew."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if not response.is_submitted:
            raise SurveyError(_("Only a submitted response can be reopened."))
        response.status = Response.Status.DRAFT
        response.submitted_at, response.submitted_by, response.receipt = None, "", None
        response.save()
    return response


def deadline_extend(*, response: Response, until: datetime.datetime | None, now=None) -> Response:
    """Give one group more time: its own deadline, later than the survey's (None: take the
    extra time back)."""
    now = now or timezone.now()
    survey = response.survey
    if until is None:
        response.deadline_extended_to = None
        response.save(update_fields=["deadline_extended_to"])
        return response
    if until <= survey.closes_at:
        raise SurveyError({"until": _("More time means a moment after the survey's deadline.")})
    if until <= now:
        raise SurveyError({"until": _("More time means a moment in the future.")})
    response.deadline_extended_to = until  # its reminders count to this day (arshjul.reminders)
    response.save(update_fields=["deadline_extended_to"])
    return response


def results_publish(*, survey: Survey, preliminary: bool = False, now=None) -> bool:
    """Make the survey's results public on the cycle's pages, once (says whether it was now).

    Final results — no group can answer any more (:func:`rules.results_may_be_final`) — also
    give the survey's indicators their values (the ``results_published`` signal). While
    groups can still answer they are refused, unless staff choose ``preliminary`` results:
    the public page then says how many groups have answered and when the survey closes, and
    the indicators are left alone until the sweep :func:`results_finalise_due` makes the
    results final once the survey has closed."""
    now = now or timezone.now()
    refusal = rules.results_refusal(survey, preliminary=preliminary, now=now)
    if refusal:
        raise SurveyError(refusal)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.results_published_at is not None:
            return False
        final = rules.results_may_be_final(survey, now=now)
        survey.results_published_at = now
        survey.results_preliminary = not final
        survey.save(update_fields=["results_published_at", "results_preliminary"])
        if final:
            results_published.send(sender=Survey, survey=survey)
    return True


def results_finalise(*, survey: Survey, now=None) -> bool:
    """Preliminary results become final once no group can answer any more: the public page
    stops calling them preliminary and the indicators get their values (once). Says whether
    it was now."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if not survey.results_preliminary or not rules.results_may_be_final(survey, now=now):
            return False
        survey.results_preliminary = False
        survey.save(update_fields=["results_preliminary"])
        results_published.send(sender=Survey, survey=survey)
    return True


@sweep("survey-results-final", label=gettext_lazy("Survey results made final after the deadline"))
def results_finalise_due(*, now=None) -> int:
    """Make final every preliminary result whose survey has closed (within one sweep of the
    closing, every SWEEP_INTERVAL_SECONDS). Returns how many."""
    now = now or timezone.now()
    preliminary = Survey.objects.filter(
        results_preliminary=True, results_published_at__isnull=False, closes_at__lt=now
    )
    return sum(results_finalise(survey=survey, now=now) for survey in preliminary)


def questions_frozen(survey: Survey) -> bool:
    """Once any group has answered, the questions stay as they were answered (staff copy the
    survey to change them): results must mean what the groups were asked."""
    return Answer.objects.filter(response__survey=survey).exists()


def survey_copy(*, survey: Survey, cycle=None) -> Survey:
    """Copy a survey with its sections and questions, unpublished: into the same cycle (to
    change questions that are frozen), or into another cycle (``cycle``), its dates moved by
    the years between them. Groups' responses are never copied."""
    years = 0 if cycle is None else cycle.year - survey.cycle.year
    opens_on, closes_at = survey.opens_on, survey.closes_at
    for _year in range(years):
        opens_on, closes_at = a_year_later(opens_on), a_year_later_moment(closes_at)
    with transaction.atomic():
        copy = Survey.objects.create(
            cycle=cycle or survey.cycle,
            title=survey.title if cycle else _("%(title)s (copy)") % {"title": survey.title},
            introduction=survey.introduction,
            opens_on=opens_on,
            closes_at=closes_at,
            contact_email=survey.contact_email,
            published=False,
        )
        for section in survey.sections.prefetch_related("questions"):
            questions = list(section.questions.all())
            section.pk, section.survey = None, copy
            section.save()
            for question in questions:
                question.pk, question.section = None, section
            Question.objects.bulk_create(questions)
    return copy


def surveys_copy_to_cycle(*, old, new, **kwargs) -> None:
    """Copy the old cycle's surveys into the new one (part of
    :func:`pages.cycle.cycle_copy_to_next_year`)."""
    for survey in old.surveys.all():
        survey_copy(survey=survey, cycle=new)


@sweep("survey-names-erase", label=gettext_lazy("Names given in the survey, erased on time"))
def names_erase_old(*, now=None) -> int:
    """Erase the names given when saving and submitting (last saved by, submitted by, each
    answer's saved by) SURVEY_NAMES_RETENTION_DAYS after the group's deadline. The answers
    stay: they are the organisation's. Returns how many responses were touched."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.SURVEY_NAMES_RETENTION_DAYS)
    old = Response.objects.filter(survey__closes_at__lt=cutoff).filter(
        Q(deadline_extended_to__isnull=True) | Q(deadline_extended_to__lt=cutoff)
    )
    Answer.objects.filter(response__in=old).exclude(saved_by="").update(saved_by="")
    return old.exclude(last_saved_by="", submitted_by="").update(last_saved_by="", submitted_by="")
