"""The submitted responses as a table for staff's own analysis: one row per group, one
column per question, answers as the groups saw them. No contact details and no names."""

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.models import Organisation

from .models import Answer, Response, Survey
from .selectors import sections_of


def response_table(survey: Survey) -> tuple[list[str], list[list]]:
    """The header and the rows (three queries, however many responses)."""
    questions = [q for item in sections_of(survey) for q in item.questions]
    header = [
        _("Organisation"),
        _("Category"),
        _("Group"),
        _("Submitted"),
        *(f"{q.indicator_code + ': ' if q.indicator_code else ''}{q.text}" for q in questions),
    ]
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    values: dict[int, dict[int, str]] = {}
    for response_id, question_id, value in Answer.objects.filter(
        response__in=submitted
    ).values_list("response_id", "question_id", "value"):
        values.setdefault(response_id, {})[question_id] = value
    by_question = {q.pk: q for q in questions}
    rows = []
    for response_id, organisation, category, group, submitted_at in submitted.order_by(
        "group__organisation__name", "group__name"
    ).values_list(
        "pk",
        "group__organisation__name",
        "group__organisation__category",
        "group__name",
        "submitted_at",
    ):
        answers = values.get(response_id, {})
        rows.append(
            [
                organisation,
                str(Organisation.Category(category).label),
                group,
                timezone.localtime(submitted_at).strftime("%Y-%m-%d %H:%M"),
                *(
                    by_question[q.pk].value_label(answers[q.pk]) if answers.get(q.pk) else ""
                    for q in questions
                ),
            ]
        )
    return header, rows
