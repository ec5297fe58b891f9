"""A coordinator adds the organisation's leadership groups and sends each its link; staff send
links in bulk, send one again or replace a leaked one; the organisation page shows how far
each group has come."""

import pytest
from django.test import Client, TestCase

from arshjul.models import OutgoingMail
from survey.models import LeadershipGroup, Response
from tests.confirming import as_data, confirm, confirming_form, the_cast
from tests.helpers import sign_in
from tests.survey.helpers import link_in_mail, send_link


def test_a_coordinator_adds_a_group_and_sends_it_the_link(survey, owner_client, kil):
    page = owner_client.get("/min-organisation/enkat/")
    assert "Er organisation har ingen ledningsgrupp än" in page.content.decode()
    added = owner_client.post(
        "/min-organisation/enkat/",
        {"name": "Kommunledningsgrupp", "contact_email": "KLG@Kil.example.org "},
        follow=True,
    )
    assert "Kommunledningsgrupp är tillagd." in added.content.decode()
    group = LeadershipGroup.objects.get(organisation=kil)
    assert group.contact_email == "klg@kil.example.org"

    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = owner_client.post(
            f"/min-organisation/enkat/grupper/{group.pk}/skicka/{survey.pk}/", follow=True
        )
    assert "Länken är på väg till klg@kil.example.org." in sent.content.decode()
    mail = OutgoingMail.objects.get(kind="survey_link")
    assert mail.subject == "Er grupps länk till enkäten: Ledningsenkäten"
    assert "Skicka in senast 19 december 2026." in mail.body_text
    link = link_in_mail("klg@kil.example.org")
    assert "Kommunledningsgrupp" in Client().get(link).content.decode()

    # The task list on the organisation's page says how far the group has come.
    tasks = owner_client.get("/min-organisation/").content.decode()
    assert "Ledningsenkäten: Kommunledningsgrupp" in tasks
    assert "Länken skickad 27 november, inte påbörjad" in tasks


def test_sending_again_sends_the_same_link(survey, kil_group, kil_link):
    assert send_link(survey, kil_group) == kil_link
    assert OutgoingMail.objects.filter(kind="survey_link").count() == 2


def test_a_group_name_twice_is_refused_with_the_input_kept(survey, owner_client, kil_group):
    refused = owner_client.post(
        "/min-organisation/enkat/",
        {"name": "Ledningsgrupp", "contact_email": "ny@kil.example.org"},
    )
    html = refused.content.decode()
    assert "Organisationen har redan en grupp med det namnet." in html
    assert "ny@kil.example.org" in html


def test_a_bad_address_is_refused_in_swedish(survey, owner_client):
    refused = owner_client.post(
        "/min-organisation/enkat/", {"name": "Styrelse", "contact_email": "nej"}
    )
    assert "Fyll i en giltig e-postadress." in refused.content.decode()
    assert not LeadershipGroup.objects.exists()


def test_a_coordinator_changes_the_groups_address(survey, owner_client, kil_group):
    changed = owner_client.post(
        f"/min-organisation/enkat/grupper/{kil_group.pk}/andra/",
        {"name": "Ledningsgrupp", "contact_email": "ordf@kil.example.org"},
        follow=True,
    )
    assert "Gruppen är sparad." in changed.content.decode()
    kil_group.refresh_from_db()
    assert kil_group.contact_email == "ordf@kil.example.org"


def test_another_organisations_coordinator_cannot_touch_the_group(
    survey, kil_group, outsider, client
):
    sign_in(client, outsider)
    assert client.get(f"/min-organisation/enkat/grupper/{kil_group.pk}/andra/").status_code == 404
    assert (
        client.post(
            f"/min-organisation/enkat/grupper/{kil_group.pk}/skicka/{survey.pk}/"
        ).status_code
        == 404
    )
    assert "ledning@kil.example.org" not in client.get("/min-organisation/enkat/").content.decode()
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    "path", ["/min-organisation/enkat/", "/min-organisation/enkat/grupper/1/andra/"]
)
def test_the_coordinators_pages_need_a_sign_in(survey, client, path):
    assert client.get(path)["Location"].startswith("/logga-in/")


def test_staff_are_sent_to_the_admin_not_the_coordinators_pages(survey, staff_client):
    assert staff_client.get("/min-organisation/enkat/")["Location"].startswith("/logga-in/")


SURVEYS = "/admin/survey/survey/"


def send_links_first(client, survey):
    """The action from the list: its first POST, which shows what will be sent."""
    return client.post(SURVEYS, {"action": "send_links", "_selected_action": [survey.pk]})


def test_sending_the_links_shows_how_many_and_the_mail_and_sends_nothing_yet(
    survey, kil_group, eda_group, editor_client
):
    page = send_links_first(editor_client, survey)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Ledningsenkäten (2027): 2 grupper får sina personliga länkar." in html
    assert "nyckel=•••" in html
    assert 'value="Skicka 2 länkar"' in html
    assert not OutgoingMail.objects.exists()
    assert not Response.objects.filter(link_sent_at__isnull=False).exists()


def test_staff_send_every_group_its_link_in_bulk_with_the_permission(
    survey, kil_group, eda_group, editor_client, reader, editor, owner, outsider
):
    first = send_links_first(editor_client, survey)
    cast = the_cast(owner, outsider, reader=reader, editor=editor)
    for who, client in cast.items():
        if who == "Redaktör":
            continue
        send_links_first(client, survey)
        client.post(SURVEYS, as_data(confirming_form(first)["fields"]))
        assert not OutgoingMail.objects.exists(), who

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = confirm(cast["Redaktör"], SURVEYS, first)
    assert "Ledningsenkäten (2027): 2 länkar ligger i utkorgen." in done.content.decode()
    assert set(OutgoingMail.objects.values_list("to", flat=True)) == {
        "ledning@kil.example.org",
        "ledning@eda.example.org",
    }
    # The same confirmation again, or the action again: nobody gets a second one.
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirm(cast["Redaktör"], SURVEYS, first)
        again = send_links_first(cast["Redaktör"], survey)
    assert again.status_code == 302
    assert OutgoingMail.objects.count() == 2


def test_staff_replace_a_leaked_link_and_the_old_one_opens_nothing(
    survey, kil_group, kil_link, editor_client
):
    response = Response.objects.get(group=kil_group)
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(
            "/admin/survey/response/",
            {"action": "replace_link", "_selected_action": [response.pk]},
        )
    new_link = link_in_mail("ledning@kil.example.org")
    assert new_link != kil_link
    assert Client().get(kil_link).status_code == 404
    assert Client().get(new_link).status_code == 200


def test_a_reader_cannot_reopen_replace_or_give_more_time(
    survey, kil_group, kil_link, reader_client
):
    response = Response.objects.get(group=kil_group)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    for action in ["reopen", "replace_link"]:
        reader_client.post(
            "/admin/survey/response/", {"action": action, "_selected_action": [response.pk]}
        )
    response.refresh_from_db()
    assert response.is_submitted
    assert Client().get(kil_link).status_code == 302  # still the same link (to the receipt)
    page = reader_client.get(f"/admin/survey/response/{response.pk}/change/")
    assert page.status_code == 200
    assert 'name="deadline_extended_to_0"' not in page.content.decode()


def test_staff_reopen_a_submitted_response_for_the_group(
    survey, kil_group, kil_link, editor_client
):
    response = Response.objects.get(group=kil_group)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    editor_client.post(
        "/admin/survey/response/", {"action": "reopen", "_selected_action": [response.pk]}
    )
    response.refresh_from_db()
    assert not response.is_submitted
    assert Client().get(kil_link).status_code == 200


def test_questions_are_locked_once_answered_and_a_copy_can_be_changed(
    survey, kil_link, editor_client
):
    from survey import services

    section = survey.sections.get(position=0)
    assert editor_client.get(f"/admin/survey/section/{section.pk}/change/").status_code == 200
    response = Response.objects.get()
    services.answers_save(response=response, values={survey.q["yes"].pk: "yes"}, seen={})

    page = editor_client.get(f"/admin/survey/survey/{survey.pk}/change/").content.decode()
    assert "frågorna är låsta" in page
    editor_client.post(
        f"/admin/survey/section/{section.pk}/change/",
        {
            "title": "Ändrad",
            "position": 0,
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )
    section.refresh_from_db()
    assert section.title == "Kompetens"

    editor_client.post("/admin/survey/survey/", {"action": "copy", "_selected_action": [survey.pk]})
    copy = survey.cycle.surveys.exclude(pk=survey.pk).get()
    assert copy.title == "Ledningsenkäten (kopia)"
    assert not copy.published
    copied = copy.sections.get(position=0)
    assert editor_client.get(f"/admin/survey/section/{copied.pk}/change/").status_code == 200
    assert not services.questions_frozen(copy)


def test_a_link_sent_before_the_survey_opens_says_when_it_opens(frozen_now, survey, kil_group):
    frozen_now(2026, 10, 20, 9)
    link = send_link(survey, kil_group)
    page = Client().get(link).content.decode()
    assert "Enkäten öppnar 1 november." in page
    assert "Spara</button>" not in page


def test_no_link_goes_out_after_the_deadline(frozen_now, survey, kil_group, owner_client):
    frozen_now(2026, 12, 20, 9)
    sign_in(owner_client, kil_group.organisation.coordinators.get())
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = owner_client.post(
            f"/min-organisation/enkat/grupper/{kil_group.pk}/skicka/{survey.pk}/", follow=True
        )
    assert "Enkäten tar inte längre emot svar från den här gruppen." in sent.content.decode()
    assert not OutgoingMail.objects.exists()


def test_the_link_command_names_a_groups_state_as_staff_see_it(survey, kil_group, kil_link):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("survey_link", "Kils", stdout=out)
    assert "(Skickad, inte påbörjad)" in out.getvalue()
    assert "/enkat/?nyckel=" in out.getvalue()
