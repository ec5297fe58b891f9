"""The survey closes through the same deadline rule as sign-ups: 19 December 23:59:59 is in
time, 00:00:00 is not; staff give one group more time."""

import datetime

import pytest
from django.test import Client, TestCase

from arshjul import deadlines
from registrations.window import RegistrationWindow, registration_window
from survey import rules, services
from survey.models import Response
from tests.factories import end_of_day
from tests.survey.helpers import answers, versions_on


def test_the_survey_and_the_work_meetings_sign_up_close_by_one_rule(survey, cycle):
    work_meeting = cycle.meetings.get(slug="arbetsmote")
    assert survey.closes_at == work_meeting.registration_closes_at
    for moment, open_ in [
        (end_of_day(2026, 12, 19), True),
        (end_of_day(2026, 12, 19) + datetime.timedelta(seconds=1), False),
    ]:
        meeting_open = (
            registration_window(work_meeting, now=moment).state == RegistrationWindow.State.OPEN
        )
        survey_open = rules.survey_window(survey, now=moment).is_open
        assert meeting_open == survey_open == open_
        assert deadlines.has_passed(survey.closes_at, now=moment) is not open_


def test_the_usual_deadline_is_19_december_the_year_before_in_swedish_time(db):
    moment = deadlines.annual_deadline(2027)
    assert moment == datetime.datetime(2026, 12, 19, 22, 59, 59, tzinfo=datetime.UTC)


def _submit_at(frozen_now, client, link, survey, *moment):
    frozen_now(*moment)
    page = client.get(link)
    data = {**versions_on(page), **answers(survey, yes="yes", choice="1", scale="4")}
    return client.post(link, {**data, "action": "submit"}), page


@pytest.mark.parametrize(
    ("moment", "in_time"),
    [((2026, 12, 19, 23, 59, 59), True), ((2026, 12, 20, 0, 0, 0), False)],
)
def test_a_draft_can_be_submitted_until_the_last_second(
    frozen_now, survey, kil_link, moment, in_time
):
    client = Client()
    frozen_now(*moment)
    page = client.get(kil_link)
    data = {**versions_on(page), **answers(survey, yes="yes", choice="1", scale="4")}
    saved = client.post(kil_link, data)
    submit_url = kil_link.replace("/enkat/", "/enkat/skicka-in/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        submitted = client.post(submit_url, {"submitted_by": "Anna"})
    response = Response.objects.get()
    if in_time:
        assert saved.status_code == 302
        assert submitted.status_code == 302
        assert response.is_submitted
    else:
        html = page.content.decode()
        assert "Enkäten stängde 19 december." in html
        assert "skriv till enkat@region.example.org" in html
        refused = client.post(submit_url, {"submitted_by": "Anna"})
        assert "Enkäten stängde 19 december." in refused.content.decode()
        assert not response.is_submitted
        # What was typed after the deadline is shown again, not lost.
        late = client.post(kil_link, {**data, **answers(survey, text="Sent skrivet")})
        assert "Sent skrivet" in late.content.decode()
        assert not response.answers.exists()


def test_staff_give_one_group_more_time_and_it_ends_by_the_same_rule(
    frozen_now, survey, kil_link, staff_client, staff, kil_group, eda_group
):
    from tests.survey.helpers import send_link

    eda_link = send_link(survey, eda_group)
    response = Response.objects.get(group=kil_group)
    frozen_now(2026, 12, 20, 9)
    staff_client.force_login(staff)  # a new day, a new staff session
    changed = staff_client.post(
        f"/admin/survey/response/{response.pk}/change/",
        {
            "deadline_extended_to_0": "2027-01-09",
            "deadline_extended_to_1": "23:59:59",
            "answer_set-TOTAL_FORMS": "0",
            "answer_set-INITIAL_FORMS": "0",
            "answers-TOTAL_FORMS": "0",
            "answers-INITIAL_FORMS": "0",
        },
    )
    assert changed["Location"] == "/admin/survey/response/"
    response.refresh_from_db()
    assert response.deadline == end_of_day(2027, 1, 9)

    client = Client()
    page = client.get(kil_link)
    assert "skicka in senast 9 januari 2027, 23:59" in page.content.decode()
    data = {**versions_on(page), **answers(survey, yes="no", choice="3", scale="2")}
    assert client.post(kil_link, data).status_code == 302
    # The other group has had no more time.
    assert "Enkäten stängde 19 december." in Client().get(eda_link).content.decode()

    frozen_now(2027, 1, 10, 0, 0, 0)
    assert rules.refusal(response, rules.Action.SUBMIT) == (
        "Enkäten stängde 9 januari. Behöver ni mer tid eller ändra något, skriv till "
        "enkat@region.example.org."
    )


def test_more_time_must_be_later_than_the_survey_deadline(
    survey, kil_link, kil_group, staff_client
):
    response = Response.objects.get(group=kil_group)
    refused = staff_client.post(
        f"/admin/survey/response/{response.pk}/change/",
        {
            "deadline_extended_to_0": "2026-12-18",
            "deadline_extended_to_1": "12:00:00",
            "answers-TOTAL_FORMS": "0",
            "answers-INITIAL_FORMS": "0",
        },
    )
    assert refused.status_code == 200
    assert "Mer tid betyder en tidpunkt efter enkätens sista tid." in refused.content.decode()
    response.refresh_from_db()
    assert response.deadline_extended_to is None


def test_the_survey_takes_no_answers_before_it_opens(frozen_now, survey, kil_link):
    frozen_now(2026, 10, 31, 23, 59, 59)
    client = Client()
    page = client.get(kil_link)
    assert "Enkäten öppnar 1 november." in page.content.decode()
    response = Response.objects.get()
    with pytest.raises(services.SurveyRefused):
        services.answers_save(response=response, values={survey.q["yes"].pk: "yes"}, seen={})
    frozen_now(2026, 11, 1, 0, 0, 0)
    services.answers_save(response=response, values={survey.q["yes"].pk: "yes"}, seen={})
    assert response.answers.count() == 1
