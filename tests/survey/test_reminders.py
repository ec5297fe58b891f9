"""Groups that have not submitted are reminded 7 and 2 days before their deadline, once each,
on the one schedule (arshjul.reminders) through the sweeps."""

from django.test import TestCase

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from survey import services
from survey.models import Response
from tests.survey.helpers import send_link


def sweep():
    with TestCase.captureOnCommitCallbacks(execute=True):
        return run_sweeps(["reminders"])["reminders"]


def reminders_to(address):
    return list(
        OutgoingMail.objects.filter(kind="survey_reminder", to=address)
        .order_by("pk")
        .values_list("subject", flat=True)
    )


def test_reminders_go_7_and_2_days_before_once_each(
    frozen_now, survey, kil_group, eda_group, kil_link
):
    send_link(survey, eda_group)
    frozen_now(2026, 12, 11, 23, 59)  # eight days before: nothing yet
    assert sweep() == 0
    frozen_now(2026, 12, 12, 0, 5)  # the day, but the night: nothing yet
    assert sweep() == 0
    frozen_now(2026, 12, 12, 8, 0)
    assert sweep() == 2
    assert sweep() == 0  # once
    frozen_now(2026, 12, 17, 8)
    assert sweep() == 2
    assert sweep() == 0
    assert reminders_to("ledning@kil.example.org") == [
        "Kils kommun, Ledningsgrupp: 7 dagar kvar att svara på Ledningsenkäten (19 december)",
        "Kils kommun, Ledningsgrupp: 2 dagar kvar att svara på Ledningsenkäten (19 december)",
    ]
    mail = OutgoingMail.objects.filter(kind="survey_reminder").first()
    assert "/enkat/?nyckel=" in mail.body_text
    assert "En påminnelse: vi har inte fått er grupps svar på Ledningsenkäten än." in mail.body_text
    frozen_now(2026, 12, 20, 8)
    assert sweep() == 0  # closed


def test_a_started_draft_is_reminded_to_submit_and_a_submitted_group_is_not(
    frozen_now, survey, kil_group, eda_group, kil_link
):
    send_link(survey, eda_group)
    kil = Response.objects.get(group=kil_group)
    services.answers_save(response=kil, values={survey.q["yes"].pk: "yes"}, seen={})
    eda = Response.objects.get(group=eda_group)
    Response.objects.filter(pk=eda.pk).update(status=Response.Status.SUBMITTED)
    frozen_now(2026, 12, 13, 9)
    assert sweep() == 1
    mail = OutgoingMail.objects.get(kind="survey_reminder")
    assert mail.to == "ledning@kil.example.org"
    # What is still missing: three required questions of four have no answer.
    assert (
        "er grupp har börjat svara på Ledningsenkäten, och 2 av 3 obligatoriska frågor "
        "saknar svar än" in mail.body_text
    )


def test_a_group_first_reminded_late_gets_one_reminder(frozen_now, survey, kil_group):
    frozen_now(2026, 12, 18, 9)
    send_link(survey, kil_group)
    assert sweep() == 1
    assert sweep() == 0


def test_more_time_brings_its_own_reminders(frozen_now, survey, kil_group, kil_link):
    from tests.factories import end_of_day

    frozen_now(2026, 12, 18, 9)
    assert sweep() == 1
    response = Response.objects.get()
    services.deadline_extend(response=response, until=end_of_day(2027, 1, 9))
    frozen_now(2027, 1, 2, 9)
    assert sweep() == 1
    assert reminders_to("ledning@kil.example.org")[-1] == (
        "Kils kommun, Ledningsgrupp: 7 dagar kvar att svara på Ledningsenkäten (9 januari)"
    )


def test_the_names_given_are_erased_90_days_after_the_deadline_and_the_answers_stay(
    frozen_now, survey, kil_group, kil_link
):
    response = Response.objects.get(group=kil_group)
    services.answers_save(
        response=response, values={survey.q["yes"].pk: "yes"}, seen={}, saved_by="Anna Ek"
    )
    frozen_now(2027, 3, 19, 12)  # 90 days after 19 December: not yet
    assert run_sweeps(["survey-names-erase"])["survey-names-erase"] == 0
    frozen_now(2027, 3, 20, 12)
    assert run_sweeps(["survey-names-erase"])["survey-names-erase"] == 1
    response.refresh_from_db()
    assert response.last_saved_by == ""
    answer = response.answers.get()
    assert (answer.value, answer.saved_by) == ("yes", "")
