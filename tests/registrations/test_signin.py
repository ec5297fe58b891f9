import datetime
import io
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from icalendar import Calendar

from arshjul.models import OutgoingMail
from registrations.models import Participant
from tests import factories
from tests.helpers import ask_for_link, attachment, link_in, outbox, rows

pytestmark = pytest.mark.django_db


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_whole_journey_from_link_to_three_confirmations(client, owner, work_meeting, settings):
    settings.SITE_URL = "https://arshjul.example.org"
    response = ask_for_link(client, "Anna@Kil.example.org ")
    assert response.url == "/logga-in/skickat/"
    [mail] = outbox("signin_link", to="anna@kil.example.org")
    link = link_in(mail)
    assert link.startswith("https://arshjul.example.org/logga-in/lank/?sesame=")
    assert "Kils kommun" in mail.body_text

    assert "Logga in" in client.get(path_of(link)).content.decode()
    response = client.post("/logga-in/lank/", {"sesame": link.split("sesame=")[1]})
    response = client.get(response.url)  # one organisation: chosen for you
    assert response.url == "/min-organisation/"
    page = client.get("/min-organisation/").content.decode()
    assert "Kils kommun" in page and "Inte påbörjad" in page

    group = work_meeting.cycle.cycle_challenges.first().challenge
    people = [
        ("Ada Andersson", "ada@kil.example.org"),
        ("Bo Berg", "bo@kil.example.org"),
        ("Cia Ceder", "cia@kil.example.org"),
    ]
    response = client.post(
        f"/min-organisation/moten/{work_meeting.pk}/anmal/", rows(*people, group=group)
    )
    assert response.status_code == 302

    assert Participant.objects.confirmed().filter(organisation=owner.organisation).count() == 3
    confirmations = outbox("participant_confirmed")
    assert sorted(m.to for m in confirmations) == sorted(email for _, email in people)
    for mail in confirmations:
        [event] = Calendar.from_ical(attachment(mail, "arbetsmote.ics")).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Arbetsmöte"
        assert "https://arshjul.example.org/arshjul/2027/moten/arbetsmote/" in mail.body_text
    page = client.get("/min-organisation/").content.decode()
    assert "Ada Andersson" in page and "3 deltagare anmälda" in page and "Påbörjad" in page


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, owner):
    known = ask_for_link(client, "anna@kil.example.org")
    unknown = ask_for_link(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in outbox("signin_link")] == ["anna@kil.example.org"]


def test_a_bad_address_is_refused_in_swedish_and_kept(client):
    response = ask_for_link(client, "inte-en-adress")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in html and 'value="inte-en-adress"' in html
    assert 'href="#id_email"' in html  # the error summary links to the field


def test_an_expired_link_offers_a_new_one(client, owner):
    ask_for_link(client, owner.email)
    token = link_in(outbox("signin_link")[0]).split("sesame=")[1]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61), tick=False):
        response = client.post("/logga-in/lank/", {"sesame": token})
    assert response.status_code == 410
    html = response.content.decode()
    assert "Länken fungerar inte längre" in html and 'action="/logga-in/"' in html
    assert "_auth_user_id" not in client.session


def test_a_link_works_once_but_opening_it_does_not_use_it_up(client, owner):
    ask_for_link(client, owner.email)
    token = link_in(outbox("signin_link")[0]).split("sesame=")[1]
    assert client.get(f"/logga-in/lank/?sesame={token}").status_code == 200  # a mail scanner
    assert client.post("/logga-in/lank/", {"sesame": token}).status_code == 302
    client.post("/logga-ut/")
    assert client.post("/logga-in/lank/", {"sesame": token}).status_code == 410


def test_many_addresses_from_one_network_address_are_refused(client, owner, settings):
    settings.SIGNIN_MAX_PER_IP = 5
    for n in range(5):
        client.post("/logga-in/", {"email": f"person{n}@example.org"})
    response = ask_for_link(client, owner.email)
    assert response.status_code == 429
    assert outbox("signin_link") == []


def test_a_person_coordinating_two_organisations_chooses_one(client, cycle):
    first = factories.coordinator(
        cycle, factories.organisation(name="Paper Province"), email="karin@example.org"
    )
    second = factories.coordinator(
        cycle, factories.organisation(name="Compare"), email="karin@example.org"
    )
    ask_for_link(client, "karin@example.org")
    token = link_in(outbox("signin_link")[0]).split("sesame=")[1]
    client.post("/logga-in/lank/", {"sesame": token})

    page = client.get("/min-organisation/valj/").content.decode()
    assert "Paper Province" in page and "Compare" in page
    response = client.post("/min-organisation/valj/", {"coordinator": second.pk})
    assert response.url == "/min-organisation/"
    assert "<h1>Compare</h1>" in client.get("/min-organisation/").content.decode()
    _ = first


def test_signing_out_ends_the_session(owner_client):
    assert owner_client.get("/min-organisation/").status_code == 200
    response = owner_client.post("/logga-ut/", follow=True)
    assert "Du är utloggad." in response.content.decode()
    response = owner_client.get("/min-organisation/")
    assert response.status_code == 302 and response.url.startswith("/logga-in/")


def test_a_staff_account_gets_no_link(client, cycle, staff):
    factories.coordinator(cycle, factories.organisation(), email=staff.username)
    ask_for_link(client, staff.username)
    assert outbox("signin_link") == []


def test_the_login_link_command_prints_a_working_link(client, owner):
    out = io.StringIO()
    call_command("login_link", owner.email, stdout=out)
    link = out.getvalue().strip().splitlines()[-1]
    assert client.post("/logga-in/lank/", {"sesame": link.split("sesame=")[1]}).status_code == 302
    with pytest.raises(CommandError):
        call_command("login_link", "nobody@example.org", stdout=io.StringIO())


def test_staff_send_a_link_from_the_admin(staff_client, owner):
    staff_client.post(
        "/admin/arshjul/coordinator/",
        {"action": "send_signin_link", "_selected_action": [owner.pk]},
    )
    assert [m.to for m in outbox("signin_link")] == [owner.email]


def test_no_link_for_an_inactive_organisation_or_a_past_cycle(client, owner, frozen_now):
    owner.organisation.active = False
    owner.organisation.save()
    ask_for_link(client, owner.email)
    assert outbox("signin_link") == []
    _ = OutgoingMail


def test_staff_cannot_read_a_sign_in_link_in_the_outbox(client, staff_client, owner):
    ask_for_link(client, owner.email)
    [mail] = outbox("signin_link")
    page = staff_client.get(f"/admin/arshjul/outgoingmail/{mail.pk}/change/").content.decode()
    token = mail.body_text.split("sesame=")[1].split()[0]
    assert token not in page
    assert "sesame=••• (personlig länk, dold)" in page
