"""The leadership survey's published results as open data: what the public results page
(``/arshjul/<year>/enkat/``) shows, as rows, and nothing more.

- Only a published cycle's survey whose results are public (:func:`survey.results.public_results`),
  the one its results page shows (the cycle's first such survey).
- Aggregates only, from :func:`survey.results.survey_results` without the free text: each
  question's answers overall (the public page shows no question by category: beside the
  overall figure, a category's would give away a small category by subtraction), each
  survey indicator's share overall and by organisation category, and the groups that
  answered by category.
- The same suppression as the page: a breakdown of fewer than
  :data:`survey.results.SUPPRESS_BELOW` answers has no count and no share, only
  ``suppressed`` (``Counts.suppressed``, ``Share.suppressed``).

One row per question × answer option, per indicator × category, and per category's number
of answering groups: the API (``/api/v1/survey-results/``) and the dataset "enkatresultat"
both read :func:`result_rows`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib import numbers
from arshjul.models import Organisation
from survey import results as survey_results
from survey.models import Survey

from .cycles import absolute
from .moments import next_moment

# What the results are made of: the results pages' models, and the indicators' names.
DEPENDS_ON = [*survey_results.RESULTS_DEPEND_ON, "indicators.Indicator"]

ALL = "all"  # the category of a row about every group that answered
ANSWER, INDICATOR, RESPONSES = "answer", "indicator", "responses"
KINDS = [ANSWER, INDICATOR, RESPONSES]
MEAN_DECIMALS = 2


@dataclass(frozen=True)
class ResultRow:
    year: int
    survey: str
    kind: str  # ANSWER, INDICATOR or RESPONSES
    section: str
    question: str
    question_kind: str
    indicator: str
    option: str
    option_label: str
    category: str
    category_label: str
    count: int | None
    answered: int | None
    share: Decimal | None
    mean: Decimal | None
    suppressed: bool
    preliminary: bool
    published_at: object
    url: str


def surveys_published(*, year: int | None = None) -> list[Survey]:
    """The surveys whose results pages are public, newest cycle first: per published cycle the
    first of its published surveys with public results, as the results page picks it."""
    surveys = (
        Survey.objects.filter(
            cycle__status="published",
            published=True,
            results_published_at__lte=timezone.now(),
        )
        .select_related("cycle")
        .order_by("-cycle__year", "closes_at", "pk")
    )
    if year is not None:
        surveys = surveys.filter(cycle__year=year)
    shown = {}
    for survey in surveys:
        if survey_results.public_results(survey):
            shown.setdefault(survey.cycle_id, survey)
    return list(shown.values())


def _category_label(key: str) -> str:
    return str(_("All")) if key == ALL else str(Organisation.Category(key).label)


def result_rows(*, year: int | None = None, kind: str | None = None) -> list[ResultRow]:
    """The rows of every public survey's results (or one year's, one kind's), in the order
    the results page shows them: the groups that answered, the indicators, the questions."""
    rows = []
    for survey in surveys_published(year=year):
        results = survey_results.survey_results(survey, with_texts=False)
        common = {
            "year": survey.cycle.year,
            "survey": survey.title,
            "preliminary": survey.results_preliminary,
            "published_at": survey.results_published_at,
            "url": absolute(reverse("survey:results", args=[survey.cycle.year])),
        }
        if kind in (None, RESPONSES):
            rows += _responses(results, common)
        if kind in (None, INDICATOR):
            rows += _indicators(results, common)
        if kind in (None, ANSWER):
            rows += _answers(results, common)
    return rows


def _row(common, **fields) -> ResultRow:
    defaults = {
        "section": "",
        "question": "",
        "question_kind": "",
        "indicator": "",
        "option": "",
        "option_label": "",
        "answered": None,
        "share": None,
        "mean": None,
        "suppressed": False,
    }
    return ResultRow(**{**defaults, **common, **fields})


def _responses(results, common) -> list[ResultRow]:
    """How many groups answered, in all and by category (the page says so above the
    figures)."""
    counts = [(ALL, results.responses), *sorted(results.responses_by_category.items())]
    return [
        _row(
            common,
            kind=RESPONSES,
            category=key,
            category_label=_category_label(key),
            count=n,
        )
        for key, n in counts
    ]


def _share_cells(share) -> dict:
    if share.suppressed:
        return {"count": None, "answered": None, "share": None, "suppressed": True}
    return {
        "count": share.hits,
        "answered": share.n,
        "share": numbers.share_value(share.hits, share.n),
        "suppressed": False,
    }


def _indicators(results, common) -> list[ResultRow]:
    """Each survey indicator's share overall and in each category with answers, as the
    page's table beside its chart."""
    rows = []
    for value in results.indicators:
        question = value.question
        shares = [(ALL, value.overall)] + [
            (key, value.by_category.get(key, survey_results.Share(0, 0)))
            for key in results.category_keys
        ]
        for key, share in shares:
            rows.append(
                _row(
                    common,
                    kind=INDICATOR,
                    question=question.text,
                    question_kind=question.kind,
                    indicator=value.code,
                    option=question.indicator_rule,
                    option_label=value.rule_words,
                    category=key,
                    category_label=_category_label(key),
                    **_share_cells(share),
                )
            )
    return rows


def _answers(results, common) -> list[ResultRow]:
    """Each question's answers overall: per option the groups that gave it and their share of
    those that answered ("vet ej" included, as the page's bars), and a scale's mean ("vet ej"
    left out). Free-text questions are left out: their answers are a person's words."""
    rows = []
    for section, questions in results.sections:
        for result in questions:
            if result.is_text:
                continue
            overall = result.overall
            mean = overall.mean() if result.has_mean and not overall.suppressed else None
            for value, label in result.question.options():
                count = overall.by_value.get(value, 0)
                cells = (
                    {"count": None, "answered": None, "share": None, "suppressed": True}
                    if overall.suppressed
                    else {
                        "count": count,
                        "answered": overall.answered,
                        "share": numbers.share_value(count, overall.answered),
                        "suppressed": False,
                    }
                )
                rows.append(
                    _row(
                        common,
                        kind=ANSWER,
                        section=section.title,
                        question=result.question.text,
                        question_kind=result.question.kind,
                        indicator=result.question.indicator_code,
                        option=value,
                        option_label=str(label),
                        category=ALL,
                        category_label=_category_label(ALL),
                        mean=None if mean is None else numbers.rounded(mean, MEAN_DECIMALS),
                        **cells,
                    )
                )
    return rows


def next_change():
    """When results published from a later moment become public."""
    return next_moment(Survey.objects.filter(published=True), "results_published_at")
