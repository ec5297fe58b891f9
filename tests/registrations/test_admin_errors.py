"""An admin save never ends in a 500: a service's refusal comes back beside its field with
everything typed kept, and a one-line field refuses line breaks (which broke calendar files
and e-mails)."""

import pytest
from django.test import Client
from icalendar import Calendar

from meetings.models import Meeting
from registrations.models import Participant
from registrations.services import Person, participant_cancel, participants_register
from tests.helpers import meeting_form

pytestmark = pytest.mark.django_db


def participant_data(participant, **changes):
    data = {
        "name": participant.name,
        "email": participant.email,
        "role": participant.role,
        "workshop_group": participant.workshop_group_id or "",
        "dietary_needs": "",
        "accessibility_needs": "",
        "comment": "",
    }
    data.update(changes)
    return data


def test_editing_a_cancelled_participant_is_refused_not_a_500(editor_client, ada):
    participant_cancel(participant=ada)
    url = f"/admin/registrations/participant/{ada.pk}/change/"
    assert editor_client.get(url).status_code == 200  # shown, read-only
    response = editor_client.post(url, participant_data(ada, name="Ny"))
    assert response.status_code == 403
    ada.refresh_from_db()
    assert (ada.name, ada.status) == ("Ada Andersson", "cancelled")


def test_a_participant_cancelled_while_staff_edit_is_reported_beside_the_form(editor, ada):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url = f"/admin/registrations/participant/{ada.pk}/change/"
    # Someone cancels meanwhile; staff's form was loaded before (the admin rechecks nothing).
    Participant.objects.filter(pk=ada.pk).update(status="cancelled")
    from registrations.admin import ParticipantAdmin

    original = ParticipantAdmin.has_change_permission
    ParticipantAdmin.has_change_permission = lambda self, request, obj=None: True
    try:
        response = client.post(url, participant_data(ada, name="Ny Ada"))
    finally:
        ParticipantAdmin.has_change_permission = original
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deltagaren är redan avanmäld." in html and 'value="Ny Ada"' in html
    ada.refresh_from_db()
    assert ada.name == "Ada Andersson"


def test_an_address_already_registered_is_shown_beside_the_field(editor_client, ada, owner):
    group = ada.workshop_group
    [bo] = participants_register(
        meeting=ada.meeting,
        organisation=owner.organisation,
        people=[Person("Bo", "bo@kil.example.org", workshop_group=group)],
    )
    url = f"/admin/registrations/participant/{bo.pk}/change/"
    response = editor_client.post(url, participant_data(bo, email="ada@kil.example.org"))
    assert response.status_code == 200
    assert "Redan anmälda till mötet: ada@kil.example.org" in response.content.decode()
    bo.refresh_from_db()
    assert bo.email == "bo@kil.example.org"


def test_staff_adding_needs_without_consent_are_told_and_nothing_is_saved(
    editor_client, work_meeting, owner
):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    data = {
        "meeting": work_meeting.pk,
        "organisation": owner.organisation_id,
        "name": "Cia",
        "email": "cia@kil.example.org",
        "workshop_group": group.pk,
        "dietary_needs": "Vegan",
        "accessibility_needs": "",
        "comment": "",
    }
    response = editor_client.post("/admin/registrations/participant/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kryssa i rutan om deltagaren samtycker" in html and 'value="Vegan"' in html
    assert not Participant.objects.filter(email="cia@kil.example.org").exists()

    data["needs_consent"] = "on"
    assert editor_client.post("/admin/registrations/participant/add/", data).status_code == 302
    assert Participant.objects.get(email="cia@kil.example.org").dietary_needs == "Vegan"


def test_a_meeting_title_with_a_line_break_is_refused(staff_client, cycle, client):
    response = staff_client.post(
        "/admin/meetings/meeting/add/", meeting_form(cycle, title="Arbetsmöte\r\nBCC: x@y")
    )
    assert response.status_code == 200
    assert "Skriv det på en rad" in response.content.decode()
    assert not Meeting.objects.filter(slug="nytt-mote").exists()
    # The cycle's calendar still parses.
    calendar = Calendar.from_ical(client.get(f"/arshjul/{cycle.year}/kalender.ics").content)
    assert calendar.walk("VEVENT")
