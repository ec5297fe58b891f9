"""Every coordinator view, tried by the coordinator of another organisation: 404, nothing
changed. And by someone not signed in: sent to sign in."""

import pytest

from registrations.models import Participant
from tests import factories
from tests.helpers import rows, sign_in

pytestmark = pytest.mark.django_db


def participant_urls(participant):
    return [
        f"/min-organisation/deltagare/{participant.pk}/andra/",
        f"/min-organisation/deltagare/{participant.pk}/ersatt/",
        f"/min-organisation/deltagare/{participant.pk}/avanmal/",
    ]


def test_another_organisations_coordinator_gets_404_and_changes_nothing(
    client, outsider, ada, work_meeting
):
    sign_in(client, outsider)
    group = work_meeting.cycle.cycle_challenges.first().challenge
    for url in participant_urls(ada):
        assert client.get(url).status_code == 404, url
        post = {"name": "Kapad", "email": "kapad@eda.example.org", "workshop_group": group.pk}
        assert client.post(url, post).status_code == 404, url
    ada.refresh_from_db()
    assert (ada.name, ada.status) == ("Ada Andersson", "confirmed")
    assert not Participant.objects.filter(email="kapad@eda.example.org").exists()
    # Kil's participants are not on the outsider's page.
    assert "Ada Andersson" not in client.get("/min-organisation/").content.decode()


def test_a_meeting_of_another_cycle_is_404(owner_client, frozen_now):
    other = factories.cycle_with_meetings(2028)
    meeting = other.meetings.get(slug="arbetsmote")
    assert owner_client.get(f"/min-organisation/moten/{meeting.pk}/anmal/").status_code == 404
    response = owner_client.post(
        f"/min-organisation/moten/{meeting.pk}/anmal/", rows(("X", "x@example.org"))
    )
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_a_coordinator_cannot_act_for_an_organisation_chosen_by_someone_else(
    client, owner, outsider, ada
):
    """The session's organisation must be the signed-in person's own appointment."""
    sign_in(client, outsider)
    session = client.session
    session["coordinator_id"] = owner.pk  # tampered
    session.save()
    response = client.get("/min-organisation/")
    assert response.status_code == 302 and response.url == "/min-organisation/valj/"
    assert client.get(participant_urls(ada)[0]).status_code == 302


def test_someone_not_signed_in_is_sent_to_sign_in(client, ada, work_meeting):
    urls = [
        "/min-organisation/",
        f"/min-organisation/moten/{work_meeting.pk}/anmal/",
        *participant_urls(ada),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/logga-in/"), url


def test_staff_accounts_do_not_use_the_coordinator_pages(staff_client):
    response = staff_client.get("/min-organisation/")
    assert response.status_code == 302 and response.url.startswith("/logga-in/")


def test_choosing_someone_elses_organisation_is_ignored(client, owner, outsider):
    sign_in(client, outsider)
    client.post("/min-organisation/valj/", {"coordinator": owner.pk})
    assert "<h1>Eda kommun</h1>" in client.get("/min-organisation/").content.decode()
