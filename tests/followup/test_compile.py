"""The report's content is compiled from what the cycle collected: its numbers against
hand-computed ones (see the fixtures' docstrings), in a constant number of queries."""

from followup.compile import compiled
from situation.models import Picture
from tests import factories
from tests.followup.helpers import participants


def _meeting(data, kind):
    return next(m for m in data["participation"] if m["kind"] == kind)


def _category(meeting, key):
    return next(c for c in meeting["categories"] if c["key"] == key)


def test_it_counts_the_confirmed_participants_and_their_organisations_per_meeting(
    report, taking_part
):
    work = _meeting(compiled(report), "work_meeting")
    assert (work["organisations"], work["people"]) == (4, 8)
    assert work["previous"] == {
        "year": 2026,
        "title": work["previous"]["title"],
        "organisations": 2,
        "people": 4,
    }
    municipalities = _category(work, "municipality")
    assert (municipalities["organisations"], municipalities["people"]) == (2, 5)
    assert (municipalities["previous_organisations"], municipalities["previous_people"]) == (1, 2)
    university = _category(work, "university")
    assert (university["organisations"], university["people"]) == (1, 1)
    assert (university["previous_organisations"], university["previous_people"]) == (1, 2)
    unregistered = _category(work, "unregistered")
    assert (unregistered["organisations"], unregistered["people"]) == (1, 2)
    assert unregistered["label"] == "Ej i registret"
    assert [c["key"] for c in work["categories"]] == ["municipality", "university", "unregistered"]


def test_a_meeting_nobody_came_to_last_year_is_compared_with_nothing(report, taking_part):
    data = compiled(report)
    direction = _meeting(data, "direction_meeting")
    assert (direction["organisations"], direction["people"]) == (1, 1)
    assert (direction["previous"]["organisations"], direction["previous"]["people"]) == (0, 0)
    conference = _meeting(data, "conference")
    assert (conference["organisations"], conference["people"], conference["categories"]) == (
        0,
        0,
        [],
    )


def test_the_first_cycle_has_no_last_year(report, kil):
    data = compiled(report)
    assert data["previous_year"] is None
    assert all(m["previous"] is None for m in data["participation"])


def test_it_gives_the_surveys_response_rate_and_indicators_with_last_year(report, surveys):
    survey = compiled(report)["survey"]
    assert (survey["groups"], survey["submitted"], survey["rate"]) == (4, 3, "75,0\xa0%")
    assert (survey["previous"]["year"], survey["previous"]["submitted"]) == (2026, 2)
    assert survey["previous"]["rate"] == "50,0\xa0%"
    assert [(i["code"], i["value"]) for i in survey["indicators"]] == [
        ("ENK-1", "66,7\xa0%"),
        ("ENK-3", "33,3\xa0%"),
    ]
    assert all(i["previous"] == "för få svar" for i in survey["indicators"])


def test_unpublished_survey_results_are_not_in_the_report(report, surveys):
    surveys.results_published_at = None
    surveys.save()
    survey = compiled(report)["survey"]
    assert survey["results_public"] is False and survey["indicators"] == []
    assert survey["rate"] == "75,0\xa0%"


def test_it_counts_the_indicators_going_the_desired_way_by_area(report, indicators):
    state = compiled(report)["indicators"]
    assert [
        (a["name"], a["indicators"], a["with_trend"], a["desired"]) for a in state["areas"]
    ] == [
        ("Stärka konkurrenskraften", 3, 2, 1),
        ("Hållbar livsmiljö", 1, 1, 1),
    ]
    assert (state["indicators"], state["with_trend"], state["desired"]) == (4, 3, 2)


def test_it_takes_the_lagesbild_of_each_challenge_as_it_stands(report):
    picture = compiled(report)["picture"]
    assert [c["name"] for c in picture["challenges"]] == [
        "demografi och utanförskap",
        "kompetensförsörjning och matchningsproblematik",
    ]


def test_it_takes_the_published_lagesbild_as_it_was_published(report, cycle):
    snapshot = {
        "year": 2027,
        "challenges": [
            {
                "id": 1,
                "name": "Kompetens",
                "gaps": [{"rule": "workshop", "rule_label": "Workshop", "text": "Ingen gör X"}],
                "matches": [],
            }
        ],
    }
    Picture.objects.create(cycle=cycle, snapshot=snapshot)
    cycle.refresh_from_db()
    report.refresh_from_db()
    assert compiled(report)["picture"]["challenges"][0]["gaps"][0]["text"] == "Ingen gör X"


def test_it_keeps_staffs_words_and_the_conferences_theme(report, conference):
    data = compiled(report)
    assert data["conclusions"].startswith("Vi **kroka arm**")
    assert data["next_steps"] == "Konferensens tema blir *matchning*."
    assert data["conference"]["summary"] == "Tema: kompetens som räcker till alla"


def _organisations(cycle, count, start=0):
    meetings = list(cycle.meetings.all())
    for n in range(start, start + count):
        org = factories.organisation(name=f"Organisation {n}", category="other")
        for meeting in meetings:
            participants(meeting, org, 2, prefix=f"org{n}-{meeting.pk}")


def test_it_compiles_in_the_same_number_of_queries_for_5_and_60_organisations(
    report, previous_cycle, surveys, indicators, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _organisations(report.cycle, 5)
    _organisations(previous_cycle, 5, start=100)
    with CaptureQueriesContext(connection) as few:
        compiled(report)
    _organisations(report.cycle, 55, start=5)
    _organisations(previous_cycle, 55, start=105)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = compiled(report)
    assert _meeting(data, "work_meeting")["organisations"] == 60
