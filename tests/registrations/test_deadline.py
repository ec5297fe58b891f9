import pytest

from registrations import rules
from registrations.models import Participant
from tests.helpers import rows, sign_in

pytestmark = pytest.mark.django_db


def add(client, meeting, *people):
    group = meeting.cycle.cycle_challenges.first().challenge
    return client.post(f"/min-organisation/moten/{meeting.pk}/anmal/", rows(*people, group=group))


def test_a_sign_up_at_235959_on_the_last_day_is_accepted(client, owner, work_meeting, frozen_now):
    frozen_now(2026, 12, 19, 23, 59, 59)
    owner_client = sign_in(client, owner)
    assert add(owner_client, work_meeting, ("Bo Berg", "bo@kil.example.org")).status_code == 302
    assert Participant.objects.filter(email="bo@kil.example.org").exists()


def test_a_sign_up_at_midnight_is_refused_and_the_typed_data_shown_back(
    client, owner, work_meeting, frozen_now
):
    frozen_now(2026, 12, 20, 0, 0, 0)
    owner_client = sign_in(client, owner)
    response = add(owner_client, work_meeting, ("Bo Berg", "bo@kil.example.org"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmälan stängde 19 december" in html
    assert 'value="Bo Berg"' in html and 'value="bo@kil.example.org"' in html
    assert not Participant.objects.exists()


def test_after_the_deadline_a_participant_can_be_replaced_and_cancelled_but_not_edited(
    client, owner, ada, work_meeting, frozen_now
):
    frozen_now(2026, 12, 28, 10, 0)
    owner_client = sign_in(client, owner)  # a session lasts two weeks
    group = work_meeting.cycle.cycle_challenges.first().challenge
    owner_client.post(
        f"/min-organisation/deltagare/{ada.pk}/andra/",
        {"name": "Ada Ändrad", "email": ada.email, "workshop_group": group.pk},
    )
    ada.refresh_from_db()
    assert ada.name == "Ada Andersson"  # only the needs can still change (test_needs_after)

    replace = owner_client.post(
        f"/min-organisation/deltagare/{ada.pk}/ersatt/",
        {"name": "Bo Berg", "email": "bo@kil.example.org", "workshop_group": group.pk},
    )
    assert replace.status_code == 302
    bo = Participant.objects.get(email="bo@kil.example.org")
    ada.refresh_from_db()
    assert (ada.status, bo.status, bo.replaces) == ("cancelled", "confirmed", ada)
    assert bo.queued_at == ada.queued_at  # the place in line is kept

    cancel = owner_client.post(f"/min-organisation/deltagare/{bo.pk}/avanmal/")
    assert cancel.status_code == 302
    bo.refresh_from_db()
    assert bo.status == "cancelled"


def test_the_day_before_the_meeting_is_the_last_day_for_changes(ada, work_meeting, frozen_now):
    frozen_now(2027, 1, 12, 23, 59, 59)
    assert rules.allowed(work_meeting, rules.Action.CANCEL)
    frozen_now(2027, 1, 13, 0, 0, 0)
    assert not rules.allowed(work_meeting, rules.Action.CANCEL)
    assert not rules.allowed(work_meeting, rules.Action.REPLACE)


def test_after_the_deadline_the_page_offers_no_add_button(client, owner, ada, frozen_now):
    frozen_now(2026, 12, 20, 8, 0)
    owner_client = sign_in(client, owner)
    html = owner_client.get("/min-organisation/").content.decode()
    assert "Anmäl deltagare</a>" not in html
    assert (
        "Byt ut" in html and "Avanmäl" in html and ">Ändra<" not in html and "Ändra behov" in html
    )


def test_staff_can_always_add_in_the_admin(client, staff, owner, work_meeting, frozen_now):
    frozen_now(2027, 1, 10, 9, 0)
    staff_client = client
    staff_client.force_login(staff)
    response = staff_client.post(
        "/admin/registrations/participant/add/",
        {
            "meeting": work_meeting.pk,
            "organisation": owner.organisation.pk,
            "name": "Sen Anmälan",
            "email": "sen@kil.example.org",
            "workshop_group": work_meeting.cycle.cycle_challenges.first().challenge.pk,
        },
    )
    assert response.status_code == 302
    assert Participant.objects.get(email="sen@kil.example.org").status == "confirmed"


def test_needs_can_be_corrected_until_the_meetings_days_before(
    client, owner, ada, work_meeting, frozen_now
):
    """After 19 December the caterer and the venue still need to know: until 3 days before
    the meeting (13 January), that is 10 January."""
    frozen_now(2027, 1, 10, 23, 0)
    owner_client = sign_in(client, owner)
    url = f"/min-organisation/deltagare/{ada.pk}/andra/"
    html = owner_client.get("/min-organisation/").content.decode()
    assert "Ändra behov" in html
    form = owner_client.get(url).content.decode()
    assert 'name="dietary_needs"' in form and 'name="name"' not in form
    response = owner_client.post(
        url, {"dietary_needs": "Laktosfri", "needs_consent": "on", "name": "Ada Ändrad"}
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.dietary_needs, ada.name) == ("Laktosfri", "Ada Andersson")

    frozen_now(2027, 1, 11, 0, 0, 1)
    assert "Ändra behov" not in owner_client.get("/min-organisation/").content.decode()
    owner_client.post(url, {"dietary_needs": "Vegan", "needs_consent": "on"})
    ada.refresh_from_db()
    assert ada.dietary_needs == "Laktosfri"
