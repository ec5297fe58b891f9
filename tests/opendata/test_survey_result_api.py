"""/api/v1/survey-results/: the leadership survey's results once public, as the results page
shows them — aggregates only, fewer than three answers suppressed, never a free-text answer."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opendata.datasets import DATASETS
from tests import factories

MUNICIPALITIES = ["Forshaga kommun", "Eda kommun", "Torsby kommun", "Storfors kommun"]
CODES = ["1763", "1730", "1737", "1760"]
PROUD = "Vi är stolta över Kalle Karlssons arbete"


def answer(survey, name, category, answers, **org):
    organisation = factories.organisation(name=name, category=category, **org)
    factories.submitted_response(survey, factories.leadership_group(organisation), answers)


@pytest.fixture
def survey(cycle):
    """The 2027 survey: four municipalities and two clusters have answered; its results are
    public."""
    found = factories.survey(cycle, results_published_at=timezone.now())
    rows = [
        {"yes": "yes", "scale": "5", "choice": "1", "text": PROUD},
        {"yes": "no", "scale": "4", "choice": "2"},
        {"yes": "yes", "scale": "dont_know", "choice": "2"},
        {"yes": "yes", "scale": "2", "choice": "3"},
    ]
    for name, code, answers in zip(MUNICIPALITIES, CODES, rows, strict=True):
        answer(found, name, "municipality", answers, municipality_code=code)
    answer(found, "Paper Province", "cluster", {"yes": "yes", "scale": "4"})
    answer(found, "Compare", "cluster", {"yes": "no", "scale": "dont_know"})
    return found


def rows(client, query="") -> list[dict]:
    response = client.get(f"/api/v1/survey-results/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def find(found, **fields) -> list[dict]:
    return [r for r in found if all(r[k] == v for k, v in fields.items())]


def test_each_answer_option_has_its_groups_and_share_of_those_who_answered(client, survey):
    found = rows(client, "?year=2027&kind=answer")

    [often] = find(found, question="Hur ofta talar ni om strategin?", option="1")
    assert (often["option_label"], often["count"], often["answered"]) == ("Ofta", 1, 4)
    assert often["share"] == 25.0
    assert often["category"] == "all"
    [agree] = find(found, question="Vi uppmuntrar nya arbetssätt.", option="4")
    assert (agree["count"], agree["answered"], agree["mean"]) == (2, 6, 3.75)


def test_an_indicator_has_its_share_overall_and_by_category_suppressed_under_three(client, survey):
    found = find(rows(client, "?kind=indicator"), indicator="ENK-1")

    by_category = {r["category"]: r for r in found}
    assert set(by_category) == {"all", "municipality", "cluster"}
    assert (by_category["all"]["count"], by_category["all"]["answered"]) == (4, 6)
    assert by_category["all"]["share"] == 66.7
    assert by_category["municipality"]["share"] == 75.0
    cluster = by_category["cluster"]  # two groups: too few to show
    assert cluster["suppressed"] is True
    assert (cluster["count"], cluster["answered"], cluster["share"]) == (None, None, None)


def test_a_question_with_fewer_than_three_answers_gives_no_count(client, survey):
    # Only two groups chose an alternative of the single choice in a survey of its own.
    other = factories.survey(factories.cycle(2026), results_published_at=timezone.now())
    answer(other, "Arvika kommun", "municipality", {"choice": "1"}, municipality_code="1784")
    answer(other, "Säffle kommun", "municipality", {"choice": "1"}, municipality_code="1785")

    found = find(rows(client, "?year=2026&kind=answer"), question="Hur ofta talar ni om strategin?")

    assert found and all(r["suppressed"] and r["count"] is None for r in found)


def test_the_questions_are_not_broken_down_by_category_as_the_page_does_not(client, survey):
    assert {r["category"] for r in rows(client, "?kind=answer")} == {"all"}


def test_a_free_text_answer_never_leaves(client, survey):
    response = client.get("/api/v1/survey-results/?page_size=1000")

    assert PROUD not in response.content.decode()
    assert "Vad är ni stolta över?" not in response.content.decode()


def test_results_are_there_only_once_public_and_from_their_moment(client, cycle):
    later = timezone.now() + datetime.timedelta(days=2)
    survey = factories.survey(cycle, results_published_at=later)
    answer(survey, "Kils kommun", "municipality", {"yes": "yes"}, municipality_code="1715")

    assert rows(client) == []
    with time_machine.travel(later + datetime.timedelta(seconds=1), tick=False):
        assert find(rows(client), kind="responses", category="all")[0]["count"] == 1


def test_a_draft_cycles_survey_is_not_public(client, cycle):
    draft = factories.cycle(2029, status="draft")
    factories.survey(draft, results_published_at=timezone.now())

    assert rows(client, "?year=2029") == []


def test_a_wrong_filter_is_refused_with_the_reason(client, survey):
    response = client.get("/api/v1/survey-results/?kind=texts")

    assert response.status_code == 400
    assert "kind" in response.json()["error"]["details"]


def test_the_dataset_has_the_apis_rows(client, survey):
    api = rows(client, "?page_size=1000")
    dataset = DATASETS["enkatresultat"]
    names = [c.name for c in dataset.columns]

    found = [dict(zip(names, row, strict=True)) for row in dataset.rows()]

    fields = ["year", "kind", "question", "option", "category", "count", "answered", "suppressed"]
    assert [[r[f] for f in fields] for r in found] == [[r[f] for f in fields] for r in api]


def test_the_queries_stay_as_few_however_many_groups_answer(
    client, settings, survey, django_assert_max_num_queries
):
    settings.PAGE_CACHE = False
    with CaptureQueriesContext(connection) as few:
        rows(client, "?page_size=1000")
    for n in range(30):
        answer(survey, f"Förening {n}", "civil_society", {"yes": "yes", "scale": "3"})

    with django_assert_max_num_queries(len(few)):
        found = rows(client, "?page_size=1000")
    assert find(found, category="civil_society")[0]["count"] == 30
