"""Results per question and per indicator, against numbers worked out by hand; "vet ej" left
out; breakdowns of fewer than three suppressed; last cycle's value beside this one."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from arshjul.lib import page_cache
from survey import results, services
from survey.models import Answer, LeadershipGroup, Response
from tests import factories
from tests.confirming import confirm

MUNICIPALITIES = [
    ("Forshaga kommun", "1763"),
    ("Eda kommun", "1730"),
    ("Torsby kommun", "1737"),
    ("Storfors kommun", "1760"),
    ("Hammarö kommun", "1761"),
]


@pytest.fixture
def answered(survey):
    """Seven groups have submitted (five municipalities, two clusters); one has a draft."""
    rows = [
        {"yes": "yes", "scale": "5", "choice": "1", "text": '=HYPERLINK("x")'},
        {"yes": "no", "scale": "4", "choice": "2"},
        {"yes": "yes", "scale": "dont_know", "choice": "2"},
        {"yes": "yes", "scale": "2", "choice": "3", "text": "Nya mötesformer"},
        {"yes": "no", "scale": "3"},
    ]
    for (name, code), answers in zip(MUNICIPALITIES, rows, strict=True):
        org = factories.organisation(name=name, category="municipality", municipality_code=code)
        factories.submitted_response(survey, factories.leadership_group(org), answers)
    for name, answers in [
        ("Paper Province", {"yes": "yes", "scale": "4"}),
        ("Compare", {"yes": "yes", "scale": "dont_know"}),
    ]:
        org = factories.organisation(name=name, category="cluster")
        factories.submitted_response(
            survey, factories.leadership_group(org, name="Styrelse"), answers
        )
    draft_org = factories.organisation(name="Visit Värmland", category="cluster")
    draft = factories.submitted_response(
        survey, factories.leadership_group(draft_org), {"yes": "no"}
    )
    Response.objects.filter(pk=draft.pk).update(status=Response.Status.DRAFT)
    return survey


def test_indicator_values_by_their_rules_with_dont_know_left_out(answered):
    values = results.indicator_values(answered)
    enk1, enk3 = values["ENK-1"], values["ENK-3"]
    assert (enk1.overall.hits, enk1.overall.n) == (5, 7)  # the draft does not count
    assert enk1.percent == pytest.approx(100 * 5 / 7)
    assert enk1.by_category["municipality"].percent == pytest.approx(60)
    assert enk1.by_category["cluster"].percent is None  # two groups: suppressed
    # 4–5 among those who gave a value: 5, 4, 2, 3, 4 → three of five; "vet ej" twice left out.
    assert (enk3.overall.hits, enk3.overall.n) == (3, 5)
    assert enk3.by_category["municipality"].percent == pytest.approx(50)
    assert enk3.by_category["cluster"].suppressed
    assert set(values) == {"ENK-1", "ENK-3"}


def test_question_results_count_mean_and_distribution(answered):
    survey_results = results.survey_results(answered)
    by_question = {r.question.pk: r for _s, rs in survey_results.sections for r in rs}
    scale = by_question[answered.q["scale"].pk]
    assert scale.overall.answered == 7
    assert scale.overall.mean() == pytest.approx(3.6)
    assert scale.mean_words() == "3,6"
    choice = by_question[answered.q["choice"].pk]
    assert choice.overall.by_value == {"1": 1, "2": 2, "3": 1}
    header, rows = choice.table()
    assert header == ["Alla", "Kluster- eller näringslivsorganisation", "Kommun"]
    assert rows[1] == ("Ibland", ["2 (50,0\xa0%)", "för få svar", "2 (50,0\xa0%)"])
    assert survey_results.responses == 7


def test_staff_see_the_results_with_last_cycles_value_beside(answered, editor, reader):
    before = factories.cycle(2026)
    earlier = factories.survey(before)
    for index, answer in enumerate(["yes", "no", "no"]):
        org = factories.organisation(name=f"Förra året {index}", category="other")
        factories.submitted_response(earlier, factories.leadership_group(org), {"yes": answer})
    for user in [editor, reader]:
        client = Client()
        client.force_login(user)
        page = client.get(f"/admin/survey/survey/{answered.pk}/results/")
        html = page.content.decode().replace("\xa0", " ")
        assert page.status_code == 200
        assert "Andel som svarar ja: <strong>71,4 %</strong> · 2026: 33,3 %" in html
        assert "Andel som svarar 4–5: <strong>60,0 %</strong>" in html
        assert "Nya mötesformer" in html  # free text, for staff
        assert '<svg class="bar-chart"' in html and "<title id=" in html and "<desc id=" in html
        # 71 % of the bar's 440 units, written with a decimal point whatever the language.
        assert '<rect class="bar" x="0" y="26" width="314.3" height="20" fill="#004b87">' in html
        assert "för få svar" in html


def test_fewer_than_three_answers_are_suppressed_everywhere(survey, staff_client):
    for name, code in MUNICIPALITIES[:2]:
        org = factories.organisation(name=name, category="municipality", municipality_code=code)
        factories.submitted_response(
            survey, factories.leadership_group(org), {"yes": "yes", "scale": "5"}
        )
    values = results.indicator_values(survey)
    assert values["ENK-1"].percent is None
    assert values["ENK-1"].words() == "för få svar"
    html = staff_client.get(f"/admin/survey/survey/{survey.pk}/results/").content.decode()
    assert "För få svar för att visa." in html
    assert "100,0\xa0%" not in html


def test_the_results_page_makes_as_many_queries_for_1000_responses_as_for_10(survey, staff_client):
    org = factories.organisation(name="Många grupper", category="other")
    now = survey.closes_at

    def add(count, start):
        groups = LeadershipGroup.objects.bulk_create(
            LeadershipGroup(
                organisation=org, name=f"Grupp {start + n}", contact_email="g@example.org"
            )
            for n in range(count)
        )
        responses = Response.objects.bulk_create(
            Response(survey=survey, group=g, status=Response.Status.SUBMITTED, submitted_at=now)
            for g in groups
        )
        Answer.objects.bulk_create(
            Answer(response=r, question=q, value=value, saved_at=now)
            for r in responses
            for q, value in [
                (survey.q["yes"], "yes"),
                (survey.q["scale"], "4"),
                (survey.q["text"], "Ord"),
            ]
        )

    def queries():
        cache.clear()  # counted anew, not read from the cache
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(f"/admin/survey/survey/{survey.pk}/results/").status_code == 200
        return len(context.captured_queries)

    add(10, 0)
    with_10 = queries()
    add(990, 10)
    assert queries() == with_10
    assert with_10 <= 15


def test_the_public_summary_appears_only_once_staff_publish(
    answered, client, staff, staff_client, frozen_now
):
    assert client.get("/arshjul/2027/enkat/").status_code == 404
    frozen_now(2026, 12, 20, 9)  # the survey has closed
    staff_client.force_login(staff)  # (a session of 27 November has expired)
    first = staff_client.post(
        "/admin/survey/survey/",
        {"action": "publish_results", "_selected_action": [answered.pk]},
    )
    assert client.get("/arshjul/2027/enkat/").status_code == 404  # asked, not yet confirmed
    confirm(staff_client, "/admin/survey/survey/", first)
    page = client.get("/arshjul/2027/enkat/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "71,4\xa0%" in html
    assert "Nya mötesformer" not in html  # no free text in public
    assert "Vad är ni stolta över?" not in html
    # The cycle page links to it.
    assert "/arshjul/2027/enkat/" in client.get("/arshjul/2027/").content.decode()


def test_a_reader_cannot_publish_the_results(answered, reader_client):
    reader_client.post(
        "/admin/survey/survey/",
        {"action": "publish_results", "_selected_action": [answered.pk]},
    )
    answered.refresh_from_db()
    assert answered.results_published_at is None


def test_the_exports_hold_the_answers_and_no_contact_details(answered, staff_client):
    csv_file = staff_client.get(f"/admin/survey/survey/{answered.pk}/export.csv")
    text = csv_file.content.decode("utf-8-sig")
    assert csv_file["Content-Disposition"] == 'attachment; filename="ledningsenkaten-2027.csv"'
    lines = text.strip().splitlines()
    assert len(lines) == 8  # the header and seven submitted responses; not the draft
    assert "ENK-1: Har ni haft kompetensutveckling?" in lines[0]
    assert "Forshaga kommun;Kommun;Ledningsgrupp" in text
    assert "@example.org" not in text
    assert "'=HYPERLINK" in text  # never a formula in a spreadsheet

    xlsx = staff_client.get(f"/admin/survey/survey/{answered.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 8
    assert "Instämmer helt" in " ".join(str(c) for row in rows for c in row if c)
    assert all("@" not in str(c) for row in rows for c in row if c)
    assert staff_client.get(f"/admin/survey/survey/{answered.pk}/export.pdf").status_code == 404


def test_the_response_rate_by_category(answered, staff_client, kil_group):
    page = staff_client.get(f"/admin/survey/survey/{answered.pk}/rate/").content.decode()
    table, total = results.response_rate(answered)
    rows = {row.label: (row.groups, row.sent, row.started, row.submitted) for row in table}
    assert rows["Kommun"] == (6, 5, 5, 5)  # Kil's fixture group has had no link
    assert rows["Kluster- eller näringslivsorganisation"] == (3, 3, 3, 2)
    assert (total.groups, total.submitted) == (9, 7)
    assert "Inte skickad" in page and "Påbörjad" in page


def test_copying_a_cycle_copies_its_survey_a_year_later(survey):
    from pages.cycle import cycle_copy_to_next_year

    copy = cycle_copy_to_next_year(cycle=survey.cycle)
    [new] = copy.surveys.all()
    assert not new.published
    assert new.closes_at == factories.end_of_day(2027, 12, 19)
    assert [q.text for q in new.sections.get(position=0).questions.all()] == [
        "Har ni haft kompetensutveckling?",
        "Hur ofta talar ni om strategin?",
    ]
    assert services.questions_frozen(new) is False


def test_the_results_change_when_a_group_submits_and_when_one_is_reopened(answered):
    assert results.indicator_values(answered)["ENK-1"].overall == results.Share(5, 7)
    org = factories.organisation(name="Sent inskickat", category="other")
    late = factories.submitted_response(answered, factories.leadership_group(org), {"yes": "no"})
    assert results.indicator_values(answered)["ENK-1"].overall == results.Share(5, 8)
    services.response_reopen(response=late)
    assert results.indicator_values(answered)["ENK-1"].overall == results.Share(5, 7)


def test_the_results_page_is_made_anew_when_a_group_submits(answered, staff_client):
    url = f"/admin/survey/survey/{answered.pk}/results/"
    assert "7 grupper har skickat in sina svar." in staff_client.get(url).content.decode()
    assert "7 grupper har skickat in sina svar." in staff_client.get(url).content.decode()
    org = factories.organisation(name="Sent inskickat", category="other")
    factories.submitted_response(answered, factories.leadership_group(org), {"yes": "no"})
    assert "8 grupper har skickat in sina svar." in staff_client.get(url).content.decode()


def test_two_cycles_surveys_named_alike_are_told_apart_by_year_in_the_admin(survey, editor_client):
    factories.survey(factories.cycle_with_meetings(2028))
    html = editor_client.get("/admin/survey/survey/").content.decode()
    assert "Ledningsenkäten (2027)" in html and "Ledningsenkäten (2028)" in html


def test_the_kept_results_page_makes_as_few_queries_for_1000_responses_as_for_10(
    survey, reader_client, django_assert_max_num_queries
):
    org = factories.organisation(name="Många grupper", category="other")
    url = f"/admin/survey/survey/{survey.pk}/results/"

    def add(count, start):
        groups = LeadershipGroup.objects.bulk_create(
            LeadershipGroup(organisation=org, name=f"Grupp {start + n}", contact_email="g@x.se")
            for n in range(count)
        )
        Response.objects.bulk_create(
            Response(
                survey=survey,
                group=g,
                status=Response.Status.SUBMITTED,
                submitted_at=survey.closes_at,
            )
            for g in groups
        )
        page_cache.rows_changed(Response)  # bulk writes send no signal

    add(10, 0)
    reader_client.get(url)  # the CSRF cookie given: the next one is kept
    reader_client.get(url)
    with CaptureQueriesContext(connection) as kept:
        reader_client.get(url)
    with_10 = len(kept)
    add(990, 10)
    assert "1000 grupper har skickat in sina svar." in reader_client.get(url).content.decode()
    with django_assert_max_num_queries(with_10):
        page = reader_client.get(url).content.decode()
    assert "1000 grupper har skickat in sina svar." in page


def test_a_reader_whose_role_is_taken_away_no_longer_sees_kept_results(answered, reader):
    client = Client()
    client.force_login(reader)
    url = f"/admin/survey/survey/{answered.pk}/results/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # kept now
    reader.groups.clear()
    assert client.get(url).status_code == 403
