import pytest

from meetings.models import Meeting
from registrations.models import Participant
from registrations.services import (
    AlreadyRegistered,
    Person,
    participant_cancel,
    participants_register,
)
from tests import factories
from tests.helpers import outbox, rows

pytestmark = pytest.mark.django_db


def people(meeting, *names):
    group = meeting.cycle.cycle_challenges.first().challenge
    return [Person(n, f"{n.lower()}@example.org", workshop_group=group) for n in names]


def test_beyond_the_capacity_sign_ups_go_to_the_waiting_list_in_order(owner, work_meeting):
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=2)
    work_meeting.refresh_from_db()

    created = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, "Ada", "Bo", "Cia", "Dan"),
    )

    assert [p.status for p in created] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert sorted(m.to for m in outbox("participant_confirmed")) == [
        "ada@example.org",
        "bo@example.org",
    ]
    assert sorted(m.to for m in outbox("participant_waiting")) == [
        "cia@example.org",
        "dan@example.org",
    ]
    assert outbox("participant_waiting")[0].attachments == []


def test_a_freed_place_goes_to_the_first_in_line_who_is_told_and_so_is_the_coordinator(
    owner, work_meeting
):
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=2)
    work_meeting.refresh_from_db()
    ada, bo, cia, dan = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, "Ada", "Bo", "Cia", "Dan"),
    )

    promoted = participant_cancel(participant=bo)

    assert promoted == [cia]
    statuses = dict(Participant.objects.values_list("name", "status"))
    assert statuses == {"Ada": "confirmed", "Bo": "cancelled", "Cia": "confirmed", "Dan": "waiting"}
    assert [m.to for m in outbox("participant_promoted")] == ["cia@example.org"]
    assert [m.to for m in outbox("coordinator_promoted")] == [owner.email]
    assert [m.to for m in outbox("participant_cancelled")] == ["bo@example.org"]


def test_a_limit_per_organisation_is_kept_and_the_next_in_line_may_get_the_place(
    owner, outsider, work_meeting
):
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=3, limit_per_organisation=1)
    work_meeting.refresh_from_db()
    ada, bo = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, "Ada", "Bo"),
    )
    [eve] = participants_register(
        meeting=work_meeting, organisation=outsider.organisation, people=people(work_meeting, "Eve")
    )
    assert (ada.status, bo.status, eve.status) == ("confirmed", "waiting", "confirmed")


def test_raising_the_capacity_in_the_admin_gives_places_to_those_waiting(
    staff_client, owner, work_meeting
):
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=1)
    work_meeting.refresh_from_db()
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, "Ada", "Bo"),
    )
    from meetings.services import meeting_save

    work_meeting.capacity = 2
    meeting_save(meeting=work_meeting)

    assert Participant.objects.get(name="Bo").status == "confirmed"
    assert [m.to for m in outbox("participant_promoted")] == ["bo@example.org"]


def test_the_same_email_cannot_be_registered_twice_for_a_meeting(
    owner_client, owner, outsider, work_meeting
):
    participants_register(
        meeting=work_meeting, organisation=outsider.organisation, people=people(work_meeting, "Ada")
    )
    group = work_meeting.cycle.cycle_challenges.first().challenge
    response = owner_client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/",
        rows(("Ada igen", "ADA@example.org"), ("Bo", "bo@example.org"), group=group),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Redan anmäld till mötet." in html
    assert 'value="Bo"' in html  # every typed row is kept
    assert Participant.objects.count() == 1

    twice = owner_client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/",
        rows(("Bo", "bo@example.org"), ("Bo B", "bo@example.org"), group=group),
    )
    assert "Samma e-postadress finns med två gånger." in twice.content.decode()

    with pytest.raises(AlreadyRegistered):
        participants_register(
            meeting=work_meeting,
            organisation=owner.organisation,
            people=people(work_meeting, "Ada"),
        )


def test_a_cancelled_address_can_be_registered_again(owner, work_meeting):
    [ada] = participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Ada")
    )
    participant_cancel(participant=ada)
    [again] = participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Ada")
    )
    assert again.status == "confirmed"


def test_a_pasted_list_fills_the_rows_without_registering(owner_client, work_meeting):
    response = owner_client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/",
        {"paste-pasted": "Ada Andersson, ada@example.org, Planerare\nBo Berg;bo@example.org\n"},
    )
    html = response.content.decode()
    assert 'value="Ada Andersson"' in html and 'value="ada@example.org"' in html
    assert 'value="Planerare"' in html and 'value="Bo Berg"' in html
    assert not Participant.objects.exists()


def test_the_organisation_page_keeps_its_query_count_with_100_participants(
    owner_client, owner, work_meeting, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Ada")
    )
    with CaptureQueriesContext(connection) as one:
        assert owner_client.get("/min-organisation/").status_code == 200
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, *[f"Person{n}" for n in range(99)]),
    )
    with django_assert_max_num_queries(len(one)):
        html = owner_client.get("/min-organisation/").content.decode()
    assert "100 deltagare anmälda" in html
    _ = factories


def test_an_edit_with_a_stale_copy_keeps_the_status_the_lock_saw(owner, work_meeting):
    Meeting.objects.filter(pk=work_meeting.pk).update(capacity=1)
    work_meeting.refresh_from_db()
    ada, bo = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=people(work_meeting, "Ada", "Bo"),
    )
    stale_bo = Participant.objects.get(pk=bo.pk)  # an edit form opened while Bo waits
    participant_cancel(participant=ada)  # Bo is promoted meanwhile

    from registrations.services import participant_update

    group = work_meeting.cycle.cycle_challenges.first().challenge
    participant_update(
        participant=stale_bo, person=Person("Bo Berg", "bo@example.org", workshop_group=group)
    )

    bo.refresh_from_db()
    assert (bo.name, bo.status) == ("Bo Berg", "confirmed")
    assert Participant.objects.confirmed().filter(meeting=work_meeting).count() == 1
    with pytest.raises(Exception, match="avanmäld"):
        participant_update(
            participant=ada, person=Person("Ada", "ada@example.org", workshop_group=group)
        )


def test_staff_changing_an_address_in_the_admin_sends_a_new_confirmation(
    staff_client, owner, work_meeting
):
    [ada] = participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Ada")
    )
    group = work_meeting.cycle.cycle_challenges.first().challenge
    response = staff_client.post(
        f"/admin/registrations/participant/{ada.pk}/change/",
        {"name": "Ada", "email": "ada.ny@example.org", "workshop_group": group.pk},
    )
    assert response.status_code == 302
    assert "ada.ny@example.org" in [m.to for m in outbox("participant_confirmed")]
    missing_group = staff_client.post(
        f"/admin/registrations/participant/{ada.pk}/change/",
        {"name": "Ada", "email": "ada.ny@example.org", "workshop_group": ""},
    )
    assert missing_group.status_code == 200
    assert "Välj en workshopgrupp." in missing_group.content.decode()


def test_a_change_after_the_summary_was_claimed_starts_a_new_summary(owner, work_meeting):
    from registrations.models import CoordinatorDigest

    participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Ada")
    )
    from django.utils import timezone

    CoordinatorDigest.objects.update(sent_at=timezone.now())  # the sweep claimed it
    participants_register(
        meeting=work_meeting, organisation=owner.organisation, people=people(work_meeting, "Bo")
    )
    assert CoordinatorDigest.objects.filter(sent_at__isnull=True).count() == 1
