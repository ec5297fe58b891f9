"""Changes coordinators make are in the change history, under their name; staff read it and
revert nothing (a revert would bypass the services' rules)."""

import pytest

from registrations.models import Participant
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_a_change_by_a_coordinator_is_attributed_to_them(client, owner, ada):
    coordinator_client = sign_in(client, owner)
    response = coordinator_client.post(
        f"/min-organisation/deltagare/{ada.pk}/andra/",
        {
            "name": "Ada Andersson-Berg",
            "email": "ada@kil.example.org",
            "role": "",
            "workshop_group": ada.workshop_group_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Participant.history.filter(id=ada.pk).latest()
    assert latest.name == "Ada Andersson-Berg"
    assert latest.history_user.email == owner.email


def test_a_reader_sees_the_history_and_cannot_revert(ada, reader_client):
    url = f"/admin/registrations/participant/{ada.pk}/history/"
    assert reader_client.get(url).status_code == 200
    record = Participant.history.filter(id=ada.pk).latest()
    revert = f"/admin/registrations/participant/{ada.pk}/history/{record.history_id}/"
    reader_client.post(revert, {"name": "Ändrad"})
    ada.refresh_from_db()
    assert ada.name == "Ada Andersson"


def test_another_coordinator_sees_no_history(ada, outsider, client):
    response = sign_in(client, outsider).get(f"/admin/registrations/participant/{ada.pk}/history/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
