"""The survey's results: per question and per indicator, overall and by organisation category.

Only submitted responses count. The database does the counting — one grouped query gives
every question's distribution in every category, however many responses there are — and the
rest is arithmetic on those counts. A breakdown of fewer than :data:`SUPPRESS_BELOW`
responses is suppressed ("för få svar"): with so few, an answer points at a group.

:func:`indicator_values` is the one way the indicators app reads the survey's values.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.charts import Bar
from arshjul.lib import numbers
from arshjul.lib.page_cache import versions_of
from arshjul.models import Organisation

from .models import DONT_KNOW, Answer, LeadershipGroup, Question, Response, Survey
from .selectors import sections_of

SUPPRESS_BELOW = 3
CACHE_SECONDS = 24 * 60 * 60
TEXTS_SHOWN = 25  # free-text answers shown per question on the results page (all in exports)

Category = Organisation.Category
# Which answers count as a "hit" for each indicator rule (the choice rule: its alternative).
RULE_VALUES = {Question.Rule.SCALE_4_5: {"4", "5"}, Question.Rule.YES: {"yes"}}


@dataclass
class Counts:
    """How a set of responses answered one question: answers by stored value."""

    by_value: dict[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> int:  # "vet ej" included
        return sum(self.by_value.values())

    @property
    def with_value(self) -> int:  # "vet ej" excluded: the denominator of means and shares
        return self.answered - self.by_value.get(DONT_KNOW, 0)

    @property
    def suppressed(self) -> bool:
        return self.answered < SUPPRESS_BELOW

    def mean(self) -> float | None:
        numbers = {v: n for v, n in self.by_value.items() if v.isdigit()}
        total = sum(numbers.values())
        if not total:
            return None
        return sum(int(v) * n for v, n in numbers.items()) / total

    def share(self, values: set[str]) -> "Share":
        hits = sum(n for v, n in self.by_value.items() if v in values)
        return Share(hits=hits, n=self.with_value)


@dataclass(frozen=True)
class Share:
    hits: int
    n: int  # answers counted (not "vet ej")

    @property
    def suppressed(self) -> bool:
        return self.n < SUPPRESS_BELOW

    @property
    def percent(self) -> float | None:
        """The share in per cent; None when suppressed or nobody answered."""
        if self.suppressed or not self.n:
            return None
        return 100 * self.hits / self.n

    @property
    def words(self) -> str:
        """ "66,7 %" (arshjul.lib.numbers); "" when suppressed or nobody answered."""
        return "" if self.percent is None else numbers.share_words(self.hits, self.n)


def _count_words(count: int, total: int) -> str:
    return f"{count} ({numbers.share_words(count, total)})" if total else str(count)


TOO_FEW = gettext_lazy("too few answers")


@dataclass
class QuestionResult:
    question: Question
    overall: Counts
    by_category: dict[str, Counts]
    category_keys: list[str]  # the survey's categories with submitted responses, in order
    texts: list[str] = field(default_factory=list)  # free text, staff only

    @property
    def is_text(self) -> bool:
        return self.question.kind == Question.Kind.TEXT

    @property
    def chart_id(self) -> str:
        return f"question-{self.question.pk}"

    @property
    def has_mean(self) -> bool:
        return self.question.kind == Question.Kind.SCALE

    def mean_words(self) -> str:
        mean = self.overall.mean()
        if mean is None or self.overall.suppressed:
            return ""
        return numbers.number_words(mean, 1)

    def bars(self) -> list[Bar]:
        total = self.overall.answered
        return [
            Bar(label, 100 * count / total if total else 0, _count_words(count, total))
            for value, label in self.question.options()
            for count in [self.overall.by_value.get(value, 0)]
        ]

    def table(self) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """The distribution overall and by category: a column each, "för få svar" where a
        category has fewer than three answers."""
        columns = [self.overall] + [self.by_category.get(c, Counts()) for c in self.category_keys]
        header = [_("All")] + [str(Category(c).label) for c in self.category_keys]
        rows = []
        for value, label in self.question.options():
            cells = [
                str(TOO_FEW)
                if counts.suppressed
                else _count_words(counts.by_value.get(value, 0), counts.answered)
                for counts in columns
            ]
            rows.append((label, cells))
        rows.append((_("Answers"), [str(counts.answered) for counts in columns]))
        if self.has_mean:
            rows.append(
                (
                    _("Mean (1–5, “don’t know” left out)"),
                    [
                        str(TOO_FEW)
                        if c.suppressed or c.mean() is None
                        else numbers.number_words(c.mean(), 1)
                        for c in columns
                    ],
                )
            )
        return header, rows


@dataclass
class IndicatorValue:
    """An indicator's value from one survey: the share of responding groups, in per cent."""

    code: str
    question: Question
    overall: Share
    by_category: dict[str, Share]

    @property
    def percent(self) -> float | None:
        return self.overall.percent

    @property
    def chart_id(self) -> str:
        return f"indicator-{self.question.pk}"

    @property
    def rule_words(self) -> str:
        if self.question.indicator_rule == Question.Rule.CHOICE:
            return _("Share choosing “%(choice)s”") % {
                "choice": self.question.value_label(str(self.question.indicator_choice))
            }
        return str(self.question.get_indicator_rule_display())

    def words(self, share: Share | None = None) -> str:
        share = share or self.overall
        return share.words or str(TOO_FEW)

    def bars(self, category_keys, previous: "IndicatorValue | None", previous_year=None):
        """All groups, each category, and last time's value: one bar each."""
        bars = [Bar(_("All"), self.percent, self._bar_words(self.overall))]
        for key in category_keys:
            share = self.by_category.get(key, Share(0, 0))
            bars.append(Bar(str(Category(key).label), share.percent, self._bar_words(share)))
        if previous is not None:
            label = _("All, %(year)s") % {"year": previous_year} if previous_year else _("Before")
            bars.append(Bar(label, previous.percent, self._bar_words(previous.overall)))
        return bars

    def _bar_words(self, share: Share) -> str:
        if share.percent is None:
            return str(TOO_FEW)
        return f"{share.words} ({share.hits}/{share.n})"


def _counts(survey: Survey) -> dict[int, dict[str, Counts]]:
    """question id -> category -> Counts, from one grouped query over submitted answers
    (kept in the cache until a response is submitted, reopened or removed)."""
    rows = cache.get_or_set(
        _cache_key(survey, "counts"), lambda: _count_rows(survey), timeout=CACHE_SECONDS
    )
    counts: dict[int, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for question_id, value, category, n in rows:
        counts[question_id][category].by_value[value] = n
    return counts


def _count_rows(survey: Survey) -> list[tuple]:
    rows = (
        Answer.objects.filter(response__survey=survey, response__status=Response.Status.SUBMITTED)
        .exclude(value="")
        .exclude(question__kind=Question.Kind.TEXT)
        .values("question_id", "value", category=F("response__group__organisation__category"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r["question_id"], r["value"], r["category"], r["n"]) for r in rows]


def _cache_key(survey: Survey, what: str) -> str:
    """What the submitted responses are now: their number and the latest submission. Answers
    of a submitted response never change, so a new submission, a reopened or a removed
    response is what changes the results (one small query)."""
    state = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).aggregate(
        n=Count("pk"), latest=Max("submitted_at")
    )
    latest = state["latest"].timestamp() if state["latest"] else 0
    return f"survey-results:{what}:{survey.pk}:{state['n']}:{latest}"


def _overall(by_category: dict[str, Counts]) -> Counts:
    total = Counts()
    for counts in by_category.values():
        for value, n in counts.by_value.items():
            total.by_value[value] = total.by_value.get(value, 0) + n
    return total


def _text_answers(survey: Survey, limit: int) -> dict[int, list[str]]:
    """Up to ``limit`` free-text answers per question, the latest first (one query, kept in
    the cache like the counts)."""
    rows = cache.get_or_set(
        _cache_key(survey, f"texts-{limit}"),
        lambda: _text_rows(survey, limit),
        timeout=CACHE_SECONDS,
    )
    texts = defaultdict(list)
    for question_id, value in rows:
        texts[question_id].append(value)
    return texts


def _text_rows(survey: Survey, limit: int) -> list[tuple]:
    return list(
        Answer.objects.filter(
            response__survey=survey,
            response__status=Response.Status.SUBMITTED,
            question__kind=Question.Kind.TEXT,
        )
        .exclude(value="")
        .annotate(
            row=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("saved_at").desc())
        )
        .filter(row__lte=limit)
        .values_list("question_id", "value")
        .order_by("question_id", "row")
    )


@dataclass
class SurveyResults:
    survey: Survey
    responses: int  # submitted
    responses_by_category: dict[str, int]
    sections: list  # [(section, [QuestionResult])]
    indicators: list[IndicatorValue]
    previous_survey: Survey | None  # the latest earlier cycle's survey
    previous: dict[str, IndicatorValue]  # its values, by indicator code

    @property
    def category_keys(self) -> list[str]:
        return sorted(self.responses_by_category)

    def categories(self) -> list[tuple[str, int]]:
        return [(str(Category(c).label), n) for c, n in sorted(self.responses_by_category.items())]

    def indicator_rows(self):
        """Each indicator with its bars (all, by category, last time) and last time's value."""
        year = self.previous_survey.cycle.year if self.previous_survey else None
        for value in self.indicators:
            previous = self.previous.get(value.code)
            yield value, previous, value.bars(self.category_keys, previous, year)


# What the results pages show is made from these rows (the previous cycle's too).
RESULTS_DEPEND_ON = [
    "arshjul.Cycle",
    "arshjul.Organisation",
    "survey.Survey",
    "survey.Section",
    "survey.Question",
    "survey.LeadershipGroup",
    "survey.Response",
]


def results_version() -> str:
    """Changes whenever the results pages could change: a key for their rendered body."""
    return versions_of(RESULTS_DEPEND_ON)


def survey_results(survey: Survey, *, with_texts: bool = True) -> SurveyResults:
    """Everything the results pages show, in a fixed number of queries."""
    sections = sections_of(survey)
    counts = _counts(survey)
    texts = _text_answers(survey, TEXTS_SHOWN) if with_texts else {}
    by_category = dict(
        Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
        .values_list("group__organisation__category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    category_keys = sorted(by_category)
    results = [
        (
            item.section,
            [
                QuestionResult(
                    question=q,
                    overall=_overall(counts.get(q.pk, {})),
                    by_category=dict(counts.get(q.pk, {})),
                    category_keys=category_keys,
                    texts=texts.get(q.pk, []),
                )
                for q in item.questions
            ],
        )
        for item in sections
    ]
    questions = [q for item in sections for q in item.questions]
    previous_survey = previous_of(survey)
    return SurveyResults(
        survey=survey,
        responses=sum(by_category.values()),
        responses_by_category=by_category,
        sections=results,
        indicators=_indicators(questions, counts),
        previous_survey=previous_survey,
        previous=indicator_values(previous_survey) if previous_survey else {},
    )


def _indicators(questions, counts) -> list[IndicatorValue]:
    values = []
    for question in questions:
        if not question.indicator_code:
            continue
        hit_values = RULE_VALUES.get(question.indicator_rule, {str(question.indicator_choice)})
        by_category = counts.get(question.pk, {})
        values.append(
            IndicatorValue(
                code=question.indicator_code,
                question=question,
                overall=_overall(by_category).share(hit_values),
                by_category={c: n.share(hit_values) for c, n in by_category.items()},
            )
        )
    return values


def indicator_values(survey: Survey) -> dict[str, IndicatorValue]:
    """The survey's indicator values by indicator code (e.g. "ENK-1"): each the share (%) of
    the groups that answered the question feeding it, by its rule, "vet ej" left out; overall
    and by organisation category, suppressed under three answers. Three queries."""
    sections = sections_of(survey)
    questions = [q for item in sections for q in item.questions]
    return {v.code: v for v in _indicators(questions, _counts(survey))}


def previous_of(survey: Survey) -> Survey | None:
    """The survey of the latest earlier cycle that had one (published), if any."""
    return (
        Survey.objects.filter(cycle__year__lt=survey.cycle.year, published=True)
        .select_related("cycle")
        .order_by("-cycle__year", "-closes_at")
        .first()
    )


def public_results(survey: Survey) -> bool:
    moment = survey.results_published_at
    return survey.published and moment is not None and moment <= timezone.now()


@dataclass
class RateRow:
    label: str
    groups: int
    sent: int
    started: int
    submitted: int

    @property
    def submitted_words(self) -> str:
        return numbers.share_words(self.submitted, self.groups)


def response_rate(survey: Survey) -> tuple[list[RateRow], RateRow]:
    """Groups, sent, started and submitted, by organisation category and in total (one
    query)."""
    this_survey = Q(responses__survey=survey)
    rows = (
        LeadershipGroup.objects.active()
        .values("organisation__category")
        .annotate(
            groups=Count("pk", distinct=True),
            sent=Count("responses", filter=this_survey & Q(responses__link_sent_at__isnull=False)),
            started=Count("responses", filter=this_survey & Q(responses__started_at__isnull=False)),
            submitted=Count(
                "responses", filter=this_survey & Q(responses__status=Response.Status.SUBMITTED)
            ),
        )
        .order_by("organisation__category")
    )
    table = [
        RateRow(
            str(Category(row["organisation__category"]).label),
            row["groups"],
            row["sent"],
            row["started"],
            row["submitted"],
        )
        for row in rows
    ]
    total = RateRow(
        _("All"),
        *(
            sum(getattr(r, name) for r in table)
            for name in ("groups", "sent", "started", "submitted")
        ),
    )
    return table, total


@dataclass
class GroupState:
    organisation: str
    category: str
    group: str
    state: str
    response: Response | None


def groups_and_states(survey: Survey) -> list[GroupState]:
    """Every active group and how far it has come with this survey (two queries): whom to
    call."""
    responses = {r.group_id: r for r in Response.objects.filter(survey=survey)}
    rows = []
    for group in LeadershipGroup.objects.active().select_related("organisation"):
        response = responses.get(group.pk)
        state = response.progress_words if response else _("Not sent")
        rows.append(
            GroupState(
                group.organisation.name,
                str(group.organisation.get_category_display()),
                group.name,
                state,
                response,
            )
        )
    return rows
