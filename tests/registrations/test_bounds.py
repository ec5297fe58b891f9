"""Valid long input is never a 500, on PostgreSQL too (SQLite does not enforce lengths): one
length per field across model, form, mail subject and keys, and long input is refused by the
form, never by the database."""

import pytest

from arshjul.models import OutgoingMail
from meetings.models import Meeting
from registrations.models import Participant
from registrations.services import Person, participant_cancel, participants_register
from tests import factories
from tests.helpers import long_address, outbox, rows

pytestmark = pytest.mark.django_db


def test_a_235_character_address_registers_and_gets_its_confirmation(owner_client, work_meeting):
    address = long_address(235)
    group = work_meeting.cycle.cycle_challenges.first().challenge
    response = owner_client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/", rows(("Ada", address), group=group)
    )
    assert response.status_code == 302
    assert Participant.objects.get().email == address
    assert [m.to for m in outbox("participant_confirmed")] == [address]


def test_a_255_character_address_is_refused_by_the_form(owner_client, work_meeting):
    address = long_address(255)
    group = work_meeting.cycle.cycle_challenges.first().challenge
    response = owner_client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/", rows(("Ada", address), group=group)
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_long_name_in_a_promotion_does_not_stop_another_organisations_cancellation(
    owner, work_meeting
):
    title = "Arbetsmöte om " + "kompetensförsörjning och " * 7  # 189 characters, valid
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=1, title=title.strip())
    work_meeting.refresh_from_db()
    group = work_meeting.cycle.cycle_challenges.first().challenge
    other = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    factories.coordinator(work_meeting.cycle, other, email="erik@eda.example.org")
    [ada] = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[Person("Ada", "ada@kil.example.org", workshop_group=group)],
    )
    name = "Bo " + "Långnamn-" * 21 + "Berg"  # 200 characters, valid
    assert len(name) <= 200
    [bo] = participants_register(
        meeting=work_meeting,
        organisation=other,
        people=[Person(name, "bo@eda.example.org", workshop_group=group)],
    )
    assert bo.status == "waiting"

    assert participant_cancel(participant=ada) == [bo]
    [told] = outbox("coordinator_promoted")
    assert told.to == "erik@eda.example.org" and told.subject.startswith("Bo Långnamn")
    assert len(told.subject) <= OutgoingMail._meta.get_field("subject").max_length


def test_the_admins_test_mail_refuses_an_over_long_address(staff_client):
    address = long_address(255) + "x" * 57  # 312 characters
    response = staff_client.post("/admin/arshjul/outgoingmail/test-email/", {"to": address})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not OutgoingMail.objects.exists()
