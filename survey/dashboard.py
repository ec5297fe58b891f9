"""This app's column on the cycle dashboard (:mod:`arshjul.dashboard`): per published survey,
how many of an organisation's active leadership groups have submitted. Two queries."""

from collections import Counter
from functools import partial

from django.utils.translation import gettext as _

from arshjul.dashboard import Cell, Column

from .models import LeadershipGroup, Response, Survey
from .reminders import responses_remind


def survey_columns(cycle, organisations) -> list[Column]:
    surveys = list(Survey.objects.filter(cycle=cycle, published=True).order_by("pk"))
    if not surveys:
        return []
    groups = Counter(
        LeadershipGroup.objects.filter(active=True).values_list("organisation_id", flat=True)
    )
    submitted = Counter(
        Response.objects.filter(
            survey__in=surveys, status=Response.Status.SUBMITTED, group__active=True
        ).values_list("survey_id", "group__organisation_id")
    )
    columns = []
    for survey in surveys:
        cells, pending = {}, set()
        total_groups = total_submitted = 0
        for organisation in organisations:
            of = groups[organisation.pk]
            if not of:
                continue  # no leadership group: "–"
            done = submitted[survey.pk, organisation.pk]
            total_groups += of
            total_submitted += done
            if done < of:
                pending.add(organisation.pk)
            cells[organisation.pk] = Cell(
                _("%(done)d of %(of)d submitted") % {"done": done, "of": of}, done=done >= of
            )
        columns.append(
            Column(
                key=f"survey-{survey.pk}",
                label=_("%(survey)s: groups submitted") % {"survey": survey.title},
                cells=cells,
                total=_("%(done)d of %(of)d submitted")
                % {"done": total_submitted, "of": total_groups},
                not_yet=_("Has not submitted %(survey)s") % {"survey": survey.title},
                pending=pending,
                remind=partial(_remind, survey),
                reminder_kind="survey",
            )
        )
    return columns


def _remind(survey, organisations, by=None) -> int:
    ids = [o.pk for o in organisations]
    return responses_remind(survey=survey, organisation_ids=ids, by=by)
