"""The direction meeting is by invitation: staff invite people (one by one or from a file),
send the invitations, and each invitee answers through a personal link — yes, then no if
plans change — until registration closes. Someone without an invitation cannot register."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from meetings.models import Meeting
from meetings.services import meeting_save
from registrations import invitations
from registrations.models import Invitation, Participant
from tests import factories
from tests.confirming import as_data, confirm, confirming_form, the_cast
from tests.helpers import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction(cycle):
    meeting = Meeting.objects.get(cycle=cycle, slug="riktningsmote")
    meeting.registration_closes_at = factories.end_of_day(2027, 3, 9)
    meeting.capacity = 2
    return meeting_save(meeting=meeting)


def invite(direction, name="Agneta Ek", email="agneta@example.org", organisation=None):
    invitation = invitations.invitation_add(
        meeting=direction, name=name, email=email, organisation=organisation
    )
    invitations.invitations_send(invitations=[invitation])
    invitation.refresh_from_db()
    [mail] = outbox("invitation", to=email)
    link = next(word for word in mail.body_text.split() if "/inbjudan/?nyckel=" in word)
    return invitation, link.split("example.org", 1)[-1] if "example.org" in link else link


def path(link):
    return link[link.index("/inbjudan/") :]


def answer(client, link, coming, **fields):
    token = link.split("nyckel=")[1]
    data = {"nyckel": token, "coming": "yes" if coming else "no", "name": "Agneta Ek", **fields}
    return client.post(path(link), data)


def test_an_invitee_answers_yes_then_no_and_staff_see_who_answered(client, direction, kil):
    invitation, link = invite(direction, organisation=kil)
    page = client.get(path(link)).content.decode()
    assert "Inbjudan: Riktningsmöte" in page and "Agneta Ek" in page and "Kils kommun" in page

    response = answer(
        client,
        link,
        True,
        name="Agneta Ek-Berg",
        accessibility_needs="Hörselslinga",
        needs_consent="on",
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    participant = invitation.participant
    assert (invitation.answer, invitation.answered_by) == ("accepted", "Agneta Ek-Berg")
    assert (participant.status, participant.channel, participant.email) == (
        "confirmed",
        "invitation",
        "agneta@example.org",
    )
    assert participant.accessibility_needs == "Hörselslinga"
    [confirmation] = outbox("participant_confirmed", to="agneta@example.org")
    assert "/inbjudan/?nyckel=" in confirmation.body_text  # the same link changes the answer

    answer(client, link, False)
    invitation.refresh_from_db()
    participant.refresh_from_db()
    assert (invitation.answer, participant.status) == ("declined", "cancelled")
    assert "Ditt svar: du kan inte komma." in client.get(path(link)).content.decode()


def test_the_answers_close_with_registration(client, direction, frozen_now):
    invitation, link = invite(direction)
    frozen_now(2027, 3, 10, 0, 0, 1)
    response = answer(client, link, True)
    assert response.status_code == 200
    assert "Anmälan stängde 9 mars" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == "" and not Participant.objects.exists()


def test_a_yes_beyond_the_places_waits_and_is_promoted(client, direction):
    links = [invite(direction, f"Person {n}", f"p{n}@example.org")[1] for n in range(3)]
    for link in links:
        answer(client, link, True, name="Person")
    statuses = list(Participant.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
    answer(client, links[0], False)
    assert Participant.objects.get(email="p2@example.org").status == "confirmed"


def test_a_wrong_or_malformed_token_is_404_and_changes_nothing(client, direction):
    invitation, link = invite(direction)
    for url in [
        "/inbjudan/?nyckel=gissning",
        "/inbjudan/?nyckel=",
        "/inbjudan/",
        "/inbjudan/?nyckel=" + "x" * 500,
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"coming": "yes", "name": "X"}).status_code == 404, url
    invitation.refresh_from_db()
    assert invitation.answer == ""


def test_someone_without_an_invitation_cannot_register(client, direction):
    assert client.get("/arshjul/2027/moten/riktningsmote/anmal/").status_code == 404
    response = client.post(
        "/arshjul/2027/moten/riktningsmote/anmal/",
        {"name": "Smygare", "email": "smyg@example.org", "organisation_name": "X"},
    )
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_the_reminder_goes_once_to_those_without_an_answer(client, direction, frozen_now):
    _, answered_link = invite(direction, "Svarat", "svarat@example.org")
    invite(direction, "Tyst", "tyst@example.org")
    answer(client, answered_link, True, name="Svarat")
    frozen_now(2027, 3, 1, 12)  # 8 days before it closes: not yet
    run_sweeps(["reminders"])
    assert outbox("invitation_reminder") == []
    frozen_now(2027, 3, 2, 12)  # 7 days before
    run_sweeps(["reminders"])
    run_sweeps(["reminders"])
    assert [m.to for m in outbox("invitation_reminder")] == ["tyst@example.org"]
    [reminder] = outbox("invitation_reminder")
    assert "/inbjudan/?nyckel=" in reminder.body_text
    assert reminder.subject == "7 dagar kvar att svara: kommer du till Riktningsmöte?"


INVITATIONS = "/admin/registrations/invitation/"


def send_first(client, *chosen):
    """The action from the list: its first POST, which shows what will be sent."""
    data = {"action": "send", "_selected_action": [i.pk for i in chosen], "index": 0}
    return client.post(INVITATIONS, data)


def test_sending_invitations_shows_how_many_and_the_invitation_and_sends_nothing_yet(
    editor_client, direction
):
    first = invitations.invitation_add(meeting=direction, name="Agneta Ek", email="a@example.org")
    second = invitations.invitation_add(meeting=direction, name="Bo Berg", email="b@example.org")

    page = send_first(editor_client, first, second)

    html = page.content.decode()
    assert page.status_code == 200
    assert "2 inbjudningar skickas, var och en med sin personliga länk" in html
    assert "Inbjudan: Riktningsmöte" in html  # the real subject, for the first invitee
    assert "nyckel=•••" in html and "(personlig länk, dold)" in html
    assert 'value="Skicka 2 inbjudningar"' in html
    assert not OutgoingMail.objects.exists()
    assert not Invitation.objects.filter(sent_at__isnull=False).exists()
    assert not Invitation.objects.exclude(token_hash="").exists()


def test_one_confirmation_posted_twice_sends_each_invitation_once(editor_client, direction):
    invitation = invitations.invitation_add(meeting=direction, name="A", email="a@example.org")
    first = send_first(editor_client, invitation)

    done = confirm(editor_client, INVITATIONS, first).content.decode()
    again = confirm(editor_client, INVITATIONS, first).content.decode()  # a second click

    assert "1 inbjudan ligger i utkorgen." in done
    assert "0 inbjudningar ligger i utkorgen." in again
    assert [m.to for m in outbox("invitation")] == ["a@example.org"]
    # Sending again is a new confirmation, with the same link.
    confirm(editor_client, INVITATIONS, send_first(editor_client, invitation))
    first_mail, second_mail = outbox("invitation")
    assert first_mail.body_text == second_mail.body_text


def test_staff_send_invitations_only_with_the_permission(reader, editor, direction, cycle):
    invitation = invitations.invitation_add(meeting=direction, name="A", email="a@example.org")
    editor_client = Client()
    editor_client.force_login(editor)
    first = send_first(editor_client, invitation)
    coordinators = [
        factories.coordinator(cycle, factories.organisation(name=name), name=name)
        for name in ["Kils samordnare", "Edas samordnare"]
    ]
    cast = the_cast(*coordinators, reader=reader, editor=editor)

    for who, client in cast.items():
        if who == "Redaktör":
            continue
        send_first(client, invitation)
        client.post(INVITATIONS, as_data(confirming_form(first)["fields"]))
        assert not OutgoingMail.objects.filter(kind="invitation").exists(), who

    confirm(cast["Redaktör"], INVITATIONS, first)
    assert [m.to for m in outbox("invitation")] == ["a@example.org"]


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_import_shows_each_rows_errors_and_imports_nothing(editor_client, direction, kil):
    content = xlsx(
        [
            ["Namn", "E-post", "Organisation", "Roll"],
            ["Agneta Ek", "agneta@example.org", "Kils kommun", "Ordförande"],
            ["", "ingen-adress", "", ""],
            ["Bo Berg", "agneta@example.org", "Förening X", ""],
        ]
    )
    response = editor_client.post(
        "/admin/registrations/invitation/import/",
        {"meeting": direction.pk, "file": SimpleUploadedFile("lista.xlsx", content)},
    )
    html = response.content.decode()
    assert "Några rader har fel, så ingenting importeras" in html
    assert '<th scope="row">3</th>' in html and "Fyll i en giltig e-postadress" in html
    assert "Samma adress finns på en tidigare rad" in html
    assert not Invitation.objects.exists()


def test_an_import_without_errors_imports_every_row_after_the_preview(
    editor_client, direction, kil
):
    content = (
        "Namn;E-post;Organisation;Roll\nAgneta Ek;agneta@example.org;Kils kommun;Ordförande\n"
        "Bo Berg;bo@example.org;Förening X;\n".encode()
    )
    preview = editor_client.post(
        "/admin/registrations/invitation/import/",
        {"meeting": direction.pk, "file": SimpleUploadedFile("lista.csv", content)},
    )
    html = preview.content.decode()
    assert "2 rader är klara att importera" in html and not Invitation.objects.exists()
    signed = html.split('name="signed" value="')[1].split('"')[0]
    editor_client.post(
        "/admin/registrations/invitation/import/", {"signed": signed, "meeting": direction.pk}
    )
    agneta, bo = Invitation.objects.order_by("name")
    assert (agneta.organisation, agneta.role) == (kil, "Ordförande")
    assert (bo.organisation, bo.organisation_name) == (None, "Förening X")
    # A tampered file from the preview is refused.
    response = editor_client.post(
        "/admin/registrations/invitation/import/", {"signed": signed + "x", "meeting": direction.pk}
    )
    assert "har gått ut" in response.content.decode()
    assert Invitation.objects.count() == 2


def test_the_answers_per_organisation_keep_their_query_count(
    editor_client, direction, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    orgs = [factories.organisation() for _ in range(5)]
    Invitation.objects.bulk_create(
        Invitation(
            meeting=direction,
            name=f"P{n}",
            email=f"p{n}@example.org",
            organisation=orgs[n % 5],
            answer=["", "accepted", "declined"][n % 3],
        )
        for n in range(10)
    )
    url = f"/admin/registrations/invitation/answers/?meeting={direction.pk}"
    with CaptureQueriesContext(connection) as ten:
        html = editor_client.get(url).content.decode()
    assert "<td>10</td>" in html  # in all
    Invitation.objects.bulk_create(
        Invitation(
            meeting=direction, name=f"Q{n}", email=f"q{n}@example.org", organisation=orgs[n % 5]
        )
        for n in range(490)
    )
    with django_assert_max_num_queries(len(ten)):
        html = editor_client.get(url).content.decode()
    assert "<td>500</td>" in html
