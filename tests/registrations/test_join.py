import pytest

from arshjul.models import Coordinator, Organisation
from registrations.models import JoinRequest
from tests.helpers import ask_for_link, outbox

pytestmark = pytest.mark.django_db

FORM = {
    "organisation_name": "Värmlands Museum",
    "category": "other",
    "coordinator_name": "Mia Museum",
    "coordinator_email": "mia@museum.example.org",
    "message": "Vi vill bidra med kulturperspektivet.",
}


def test_an_organisation_asks_to_take_part_and_staff_approve(client, staff_client, cycle):
    response = client.post("/var-med/", FORM)
    assert response.url == "/var-med/tack/"
    request = JoinRequest.objects.get()
    assert (request.status, request.cycle) == ("pending", cycle)

    staff_client.post(
        "/admin/registrations/joinrequest/", {"action": "approve", "_selected_action": [request.pk]}
    )

    organisation = Organisation.objects.get(name="Värmlands Museum")
    coordinator = Coordinator.objects.get(organisation=organisation, cycle=cycle)
    assert coordinator.email == "mia@museum.example.org"
    [told] = outbox("join_approved")
    assert told.to == "mia@museum.example.org" and "/logga-in/" in told.body_text
    # … and the coordinator can now sign in.
    ask_for_link(client, "mia@museum.example.org")
    assert [m.to for m in outbox("signin_link")] == ["mia@museum.example.org"]


def test_staff_decline_and_the_organisation_is_told(client, staff_client, cycle):
    client.post("/var-med/", FORM)
    request = JoinRequest.objects.get()
    staff_client.post(
        "/admin/registrations/joinrequest/", {"action": "decline", "_selected_action": [request.pk]}
    )
    request.refresh_from_db()
    assert request.status == "declined"
    assert [m.to for m in outbox("join_declined")] == ["mia@museum.example.org"]
    assert not Organisation.objects.filter(name="Värmlands Museum").exists()


def test_the_form_explains_what_is_wrong_and_keeps_the_input(client, cycle, owner):
    response = client.post(
        "/var-med/", {**FORM, "coordinator_email": "fel", "organisation_name": "Kils kommun"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in html
    assert "Kils kommun är redan med" in html
    assert "Vi vill bidra med kulturperspektivet." in html
    assert not JoinRequest.objects.exists()


def test_approval_never_replaces_an_existing_coordinator(client, staff_client, cycle, owner):
    owner.organisation.active = False
    owner.organisation.save()
    client.post("/var-med/", {**FORM, "organisation_name": "Kils kommun"})
    request = JoinRequest.objects.get()

    response = staff_client.post(
        "/admin/registrations/joinrequest/",
        {"action": "approve", "_selected_action": [request.pk]},
        follow=True,
    )

    assert "har redan en samordnare" in response.content.decode()
    owner.refresh_from_db()
    assert owner.email == "anna@kil.example.org"
    request.refresh_from_db()
    assert request.status == "pending"
