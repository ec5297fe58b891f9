"""Reads of the survey that span relations, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from arshjul.lib import tokens

from .models import Answer, LeadershipGroup, Question, Response, Section, Survey


def response_for_token(token: str) -> Response | None:
    """The response a group's link opens, in a published survey; None for any other token."""
    if not token or len(token) > 64:
        return None
    return (
        Response.objects.select_related("survey__cycle", "group__organisation", "receipt")
        .filter(token_hash=tokens.token_hash(token), survey__published=True)
        .first()
    )


@dataclass
class SectionWithQuestions:
    section: Section
    questions: list[Question] = field(default_factory=list)


def sections_of(survey: Survey) -> list[SectionWithQuestions]:
    """The survey's sections, each with its questions in order (two queries)."""
    sections = survey.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
    )
    return [SectionWithQuestions(s, list(s.questions.all())) for s in sections]


def answers_of(response: Response) -> dict[int, Answer]:
    """The response's answers by question id (one query)."""
    return {a.question_id: a for a in response.answers.all()}


def surveys_for_cycle(cycle_id: int) -> list[Survey]:
    """The cycle's published surveys (usually one)."""
    return list(
        Survey.objects.filter(cycle_id=cycle_id, published=True)
        .select_related("cycle")
        .order_by("closes_at", "pk")
    )


def groups_with_responses(organisation_id: int, surveys: list[Survey]) -> list[LeadershipGroup]:
    """The organisation's active groups, each with ``responses_by_survey`` (two queries)."""
    groups = list(
        LeadershipGroup.objects.active()
        .filter(organisation_id=organisation_id)
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(survey__in=surveys),
                to_attr="survey_responses",
            )
        )
    )
    for group in groups:
        group.responses_by_survey = {r.survey_id: r for r in group.survey_responses}
    return groups


def group_of_organisation(organisation_id: int, pk: int) -> LeadershipGroup | None:
    return (
        LeadershipGroup.objects.filter(organisation_id=organisation_id, pk=pk)
        .select_related("organisation")
        .first()
    )
