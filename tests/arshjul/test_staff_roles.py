"""Staff roles hold: a *Läsare* (view permissions only) reads and changes nothing — no admin
action, no view of our own — and never sees participants' needs; a *Redaktör* may."""

import pytest
from django.urls import reverse

from arshjul.models import Coordinator, Cycle, Organisation, OutgoingMail, PdfJob
from registrations.models import JoinRequest, Participant
from registrations.services import Person, participants_register
from tests import factories

pytestmark = pytest.mark.django_db


def run_action(client, model_url: str, action: str, *pks):
    return client.post(
        model_url, {"action": action, "_selected_action": [str(pk) for pk in pks], "index": 0}
    )


@pytest.fixture
def cycle(db):
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def kil(cycle):
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    factories.coordinator(cycle, org, name="Anna", email="anna@kil.example.org")
    return org


@pytest.fixture
def ada(cycle, kil):
    meeting = cycle.meetings.get(slug="arbetsmote")
    group = cycle.cycle_challenges.first().challenge
    [participant] = participants_register(
        meeting=meeting,
        organisation=kil,
        people=[
            Person(
                "Ada Andersson",
                "ada@kil.example.org",
                workshop_group=group,
                dietary_needs="Celiaki",
                accessibility_needs="Rullstol, hörselslinga",
                needs_consent=True,
            )
        ],
        by_staff=True,
    )
    OutgoingMail.objects.all().delete()
    return participant


def test_a_reader_cannot_cancel_a_participant(reader_client, ada):
    run_action(reader_client, "/admin/registrations/participant/", "cancel", ada.pk)
    ada.refresh_from_db()
    assert ada.status == Participant.Status.CONFIRMED
    assert not OutgoingMail.objects.exists()


def test_a_reader_cannot_approve_a_join_request(reader_client, cycle):
    request = JoinRequest.objects.create(
        cycle=cycle,
        organisation_name="Värmlands Museum",
        category="other",
        coordinator_name="Mia",
        coordinator_email="mia@museum.example.org",
    )
    run_action(reader_client, "/admin/registrations/joinrequest/", "approve", request.pk)
    run_action(reader_client, "/admin/registrations/joinrequest/", "decline", request.pk)
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.PENDING
    assert not Organisation.objects.filter(name="Värmlands Museum").exists()
    assert not Coordinator.objects.filter(email="mia@museum.example.org").exists()


def test_a_reader_cannot_copy_a_cycle_or_make_its_pdf(reader_client, cycle):
    run_action(reader_client, "/admin/arshjul/cycle/", "copy_to_next_year", cycle.pk)
    run_action(reader_client, "/admin/arshjul/cycle/", "make_coordinator_list", cycle.pk)
    copy_page = f"/admin/arshjul/cycle/{cycle.pk}/kopiera/"
    assert reader_client.post(copy_page, {"coordinators": []}).status_code == 403
    assert reader_client.post(f"/admin/arshjul/cycle/{cycle.pk}/samordnare-pdf/").status_code == 403
    assert not Cycle.objects.filter(year=2028).exists()
    assert not PdfJob.objects.exists()
    assert reader_client.get("/admin/arshjul/pdfjob/add/").status_code == 403


def test_a_reader_cannot_send_sign_in_links_or_e_mails(reader_client, kil, cycle):
    coordinator = Coordinator.objects.get(organisation=kil)
    run_action(reader_client, "/admin/arshjul/coordinator/", "send_signin_link", coordinator.pk)
    assert not OutgoingMail.objects.exists()

    failed = OutgoingMail.objects.create(
        kind="test",
        dedup_key="failed",
        to="x@example.org",
        subject="s",
        body_text="b",
        state=OutgoingMail.State.FAILED,
    )
    run_action(reader_client, "/admin/arshjul/outgoingmail/", "send_again", failed.pk)
    failed.refresh_from_db()
    assert failed.state == OutgoingMail.State.FAILED

    url = reverse("admin:arshjul_outgoingmail_test_email")
    assert reader_client.get(url).status_code == 403
    assert reader_client.post(url, {"to": "someone@example.org"}).status_code == 403
    assert OutgoingMail.objects.count() == 1


def test_a_reader_cannot_restart_a_pdf_job(reader_client, cycle):
    job = PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.FAILED)
    run_action(reader_client, "/admin/arshjul/pdfjob/", "restart", job.pk)
    job.refresh_from_db()
    assert job.state == PdfJob.State.FAILED


def test_a_reader_sees_participants_but_never_their_needs(reader_client, ada):
    listing = reader_client.get("/admin/registrations/participant/")
    assert listing.status_code == 200 and "Ada Andersson" in listing.content.decode()
    page = reader_client.get(f"/admin/registrations/participant/{ada.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "Ada Andersson" in html
    assert "Celiaki" not in html and "hörselslinga" not in html
    # and cannot change anything with a hand-made POST
    reader_client.post(f"/admin/registrations/participant/{ada.pk}/change/", {"name": "Ändrad"})
    ada.refresh_from_db()
    assert ada.name == "Ada Andersson"


def test_an_editor_sees_the_needs_and_may_act(editor_client, ada, cycle):
    html = editor_client.get(f"/admin/registrations/participant/{ada.pk}/change/").content.decode()
    assert "Celiaki" in html and "hörselslinga" in html
    run_action(editor_client, "/admin/registrations/participant/", "cancel", ada.pk)
    ada.refresh_from_db()
    assert ada.status == Participant.Status.CANCELLED
    run_action(editor_client, "/admin/arshjul/cycle/", "copy_to_next_year", cycle.pk)
    editor_client.post(f"/admin/arshjul/cycle/{cycle.pk}/kopiera/", {"coordinators": []})
    assert Cycle.objects.filter(year=2028).exists()


def test_an_editor_without_the_needs_permission_keeps_the_needs_when_editing(
    editor_client, editor, ada
):
    from django.contrib.auth.models import Permission

    for group in editor.groups.all():
        group.permissions.remove(Permission.objects.get(codename="view_needs"))
    editor = type(editor).objects.get(pk=editor.pk)  # forget cached permissions
    editor_client.force_login(editor)
    url = f"/admin/registrations/participant/{ada.pk}/change/"
    html = editor_client.get(url).content.decode()
    assert "Celiaki" not in html
    data = {
        "name": "Ada Andersson-Berg",
        "email": "ada@kil.example.org",
        "role": "",
        "workshop_group": ada.workshop_group_id,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.name == "Ada Andersson-Berg"
    assert (ada.dietary_needs, ada.accessibility_needs) == ("Celiaki", "Rullstol, hörselslinga")


def test_a_reader_cannot_read_needs_out_through_a_filter(reader, editor, ada):
    from django.test import Client

    reader_client, editor_client = Client(), Client()
    reader_client.force_login(reader)
    editor_client.force_login(editor)
    for lookup in ["dietary_needs__icontains=Celiaki", "comment__regex=.", "needs_consent=1"]:
        response = reader_client.get(f"/admin/registrations/participant/?{lookup}")
        assert response.status_code == 400, lookup
    editor = editor_client.get("/admin/registrations/participant/?dietary_needs__icontains=Celiaki")
    assert editor.status_code == 200 and "Ada Andersson" in editor.content.decode()


def test_the_actions_readers_may_not_run_work_for_an_editor(editor_client, cycle, kil):
    """The positive control of the tests above: the same POSTs, by an editor, act."""
    request = JoinRequest.objects.create(
        cycle=cycle,
        organisation_name="Värmlands Museum",
        category="other",
        coordinator_name="Mia",
        coordinator_email="mia@museum.example.org",
    )
    run_action(editor_client, "/admin/registrations/joinrequest/", "approve", request.pk)
    assert Coordinator.objects.filter(email="mia@museum.example.org").exists()
    run_action(editor_client, "/admin/arshjul/cycle/", "make_coordinator_list", cycle.pk)
    assert PdfJob.objects.exists()
    coordinator = Coordinator.objects.get(organisation=kil)
    run_action(editor_client, "/admin/arshjul/coordinator/", "send_signin_link", coordinator.pk)
    assert OutgoingMail.objects.filter(kind="signin_link", to=coordinator.email).exists()
    other = JoinRequest.objects.create(
        cycle=cycle,
        organisation_name="Museet",
        category="other",
        coordinator_name="Bo",
        coordinator_email="bo@museum.example.org",
    )
    run_action(editor_client, "/admin/registrations/joinrequest/", "decline", other.pk)
    other.refresh_from_db()
    assert other.status == JoinRequest.Status.DECLINED
