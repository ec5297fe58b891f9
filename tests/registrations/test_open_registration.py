"""The conference is open to everyone: a form while registration is open, places and a
waiting list through the same capacity service as every sign-up, a confirmation with the
calendar file and a personal link to see, correct or cancel — and the page never tells
whether an address was registered."""

import pytest
from django.test import Client
from icalendar import Calendar

from meetings.models import Meeting
from meetings.services import meeting_save
from registrations.models import Participant
from tests import factories
from tests.helpers import attachment, outbox

pytestmark = pytest.mark.django_db

FORM = "/arshjul/2027/moten/konferens/anmal/"


@pytest.fixture
def conference(cycle):
    meeting = Meeting.objects.get(cycle=cycle, slug="konferens")
    meeting.participation, meeting.capacity = "open", 2
    meeting.registration_closes_at = factories.end_of_day(2027, 9, 15)
    return meeting_save(meeting=meeting)


def register(client, name, email, **fields):
    data = {"name": name, "email": email, "organisation_name": "Föreningen Framtid", **fields}
    return client.post(FORM, data)


def personal_link(email):
    mail = [m for m in outbox(to=email) if "/anmalan/?nyckel=" in m.body_text][-1]
    link = next(w for w in mail.body_text.split() if "/anmalan/?nyckel=" in w)
    return link[link.index("/anmalan/") :]


def test_a_visitor_registers_gets_a_confirmation_and_cancels_through_the_link(client, conference):
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    response = register(
        client, "Ada Andersson", "Ada@Example.org", organisation=kil.pk, organisation_name=""
    )
    assert response.status_code == 302 and response.url.endswith("/anmal/tack/")
    ada = Participant.objects.get()
    assert (ada.status, ada.channel, ada.organisation, ada.email) == (
        "confirmed",
        "open",
        kil,
        "ada@example.org",
    )
    [mail] = outbox("participant_confirmed")
    [event] = Calendar.from_ical(attachment(mail, "konferens.ics")).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Konferensen Värmland 2040"

    link = personal_link("ada@example.org")
    page = client.get(link).content.decode()
    assert "Ada Andersson" in page and "Bekräftad" in page
    # "Avanmäl mig" asks first; only the answer cancels.
    asked = client.post(link, {"nyckel": link.split("=")[1], "action": "cancel"})
    assert "Vill du avanmäla dig från Konferensen Värmland 2040?" in asked.content.decode()
    ada.refresh_from_db()
    assert ada.status == "confirmed"
    response = client.post(link, {"nyckel": link.split("=")[1], "action": "cancel-confirmed"})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.status == "cancelled"
    [cancelled] = outbox("participant_cancelled")
    calendar = Calendar.from_ical(attachment(cancelled, "konferens.ics"))
    assert str(calendar["METHOD"]) == "CANCEL"
    [gone] = calendar.walk("VEVENT")
    assert str(gone["STATUS"]) == "CANCELLED" and gone["UID"] == event["UID"]
    assert int(gone["SEQUENCE"]) > int(event["SEQUENCE"])


def test_beyond_the_places_the_waiting_list_and_the_next_in_line_promoted(client, conference):
    for n in range(3):
        register(Client(), f"Person {n}", f"p{n}@example.org")
    assert list(Participant.objects.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waiting",
    ]
    link = personal_link("p0@example.org")
    client.post(link, {"nyckel": link.split("=")[1], "action": "cancel-confirmed"})
    assert Participant.objects.get(email="p2@example.org").status == "confirmed"
    assert [m.to for m in outbox("participant_promoted")] == ["p2@example.org"]


def test_the_same_address_twice_is_answered_the_same_and_the_link_sent_again(client, conference):
    first = register(client, "Ada", "ada@example.org")
    again = register(Client(), "Någon annan", "ADA@example.org")
    new = register(Client(), "Bo", "bo@example.org")
    assert first.url == again.url == new.url  # the page tells nothing
    assert Participant.objects.filter(email="ada@example.org").count() == 1
    [resent] = outbox("registration_link_again")
    assert resent.to == "ada@example.org" and "/anmalan/?nyckel=" in resent.body_text
    assert "Du är redan anmäld" in resent.subject


def test_the_form_refuses_bad_input_in_swedish_and_keeps_it(client, conference):
    response = client.post(FORM, {"name": "Ada <b>", "email": "inte-en-adress"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in html
    assert "Välj din organisation i listan, eller skriv dess namn." in html
    assert 'value="inte-en-adress"' in html and "Ada &lt;b&gt;" in html
    assert not Participant.objects.exists()


def test_registering_after_it_closed_is_refused_clearly(client, conference, frozen_now):
    frozen_now(2027, 9, 16, 0, 0, 1)
    html = register(client, "Ada", "ada@example.org").content.decode()
    assert "Anmälan stängde 15 september" in html
    assert not Participant.objects.exists()


def test_a_robot_is_thanked_and_many_posts_from_one_address_are_held_back(
    client, conference, settings
):
    response = register(client, "Robot", "robot@example.org", website="http://spam.example")
    assert response.status_code == 302 and not Participant.objects.exists()
    settings.OPEN_REGISTRATION_MAX_PER_IP = 2
    for n in range(2):
        assert register(client, f"P{n}", f"p{n}@example.org").status_code == 302
    held = register(client, "P9", "p9@example.org")
    assert held.status_code == 429 and "Vänta en timme" in held.content.decode()
    assert Participant.objects.count() == 2


def test_someone_elses_link_or_a_malformed_one_is_404(client, conference):
    register(client, "Ada", "ada@example.org")
    for url in ["/anmalan/?nyckel=gissning", "/anmalan/", "/anmalan/?nyckel=" + "a" * 300]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "cancel-confirmed"}).status_code == 404, url
    assert Participant.objects.get().status == "confirmed"


def test_needs_can_be_corrected_after_registration_closes_for_a_while(
    client, conference, frozen_now
):
    register(client, "Ada", "ada@example.org")
    link = personal_link("ada@example.org")
    token = link.split("=")[1]
    frozen_now(2027, 9, 26, 12)  # closed 15 September; the meeting is 29 September
    client.post(
        link, {"nyckel": token, "action": "change", "dietary_needs": "Vegan", "needs_consent": "on"}
    )
    assert Participant.objects.get().dietary_needs == "Vegan"
    frozen_now(2027, 9, 27, 0, 0, 1)
    client.post(
        link, {"nyckel": token, "action": "change", "dietary_needs": "Fisk", "needs_consent": "on"}
    )
    assert Participant.objects.get().dietary_needs == "Vegan"


@pytest.mark.django_db(transaction=True)
def test_200_sign_ups_at_once_for_50_places_give_50_places_and_150_waiting(frozen_now):
    """50 threads (PostgreSQL here allows 100 connections) each posting 4 sign-ups, all
    released at once."""
    from django.db import connection

    from tests.helpers import run_at_once

    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    meeting = Meeting.objects.get(cycle=cycle, slug="konferens")
    meeting.participation, meeting.capacity = "open", 50
    meeting_save(meeting=meeting)

    def sign_up(thread):
        visitor = Client(REMOTE_ADDR=f"10.0.0.{thread}")
        return [
            register(visitor, f"Besökare {thread}-{n}", f"b{thread}-{n}@example.org").status_code
            for n in range(4)
        ]

    answers = [status for statuses in run_at_once(50, sign_up) for status in statuses]
    assert answers == [302] * 200
    assert Participant.objects.confirmed().count() == 50
    assert Participant.objects.waiting().count() == 150


def test_registering_one_address_six_times_sends_its_owner_three_mails_and_the_last_link_works(
    conference, frozen_now
):
    """As sign-in does: one address receives at most three mails from the form in a quarter
    of an hour, whoever posts it; every visitor is answered the same way."""
    answers = [
        register(Client(REMOTE_ADDR=f"10.0.0.{n}"), "Ada", "ada@example.org") for n in range(6)
    ]
    assert {(a.status_code, a.url) for a in answers} == {(302, answers[0].url)}
    mails = outbox(to="ada@example.org")
    assert [m.kind for m in mails] == [
        "participant_confirmed",
        "registration_link_again",
        "registration_link_again",
    ]
    assert Participant.objects.filter(email="ada@example.org").count() == 1
    # The link in the last mail received still opens the registration.
    assert Client().get(personal_link("ada@example.org")).status_code == 200

    frozen_now(2026, 11, 27, 12, 16)  # a quarter of an hour later the link is sent again
    register(Client(), "Ada", "ada@example.org")
    assert len(outbox(to="ada@example.org")) == 4


def test_the_limit_never_holds_back_a_new_registration(conference, frozen_now):
    """Someone who signs up for a second open meeting gets its confirmation, whatever the
    count: a confirmation goes once per meeting and cannot flood."""
    for _ in range(4):
        register(Client(), "Ada", "ada@example.org")
    second = factories.meeting(
        conference.cycle,
        slug="oppet-hus",
        title="Öppet hus",
        date=conference.date,
        participation="open",
        registration_closes_at=conference.registration_closes_at,
    )
    Client().post(
        f"/arshjul/2027/moten/{second.slug}/anmal/",
        {"name": "Ada", "email": "ada@example.org", "organisation_name": "Föreningen Framtid"},
    )
    assert Participant.objects.filter(email="ada@example.org", meeting=second).exists()
    assert outbox("participant_confirmed", to="ada@example.org")[-1].about_id == (
        Participant.objects.get(email="ada@example.org", meeting=second).pk
    )


def test_the_registrant_corrects_name_organisation_and_role_while_registration_is_open(
    client, conference
):
    from tests.html import form_as_shown

    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    register(client, "Ada Andersen", "ada@example.org")
    link = personal_link("ada@example.org")
    page = client.get(link)
    corrected = client.post(
        link,
        form_as_shown(
            page,
            name="Ada Andersson",
            organisation=str(kil.pk),
            organisation_name="",
            role="Utvecklingsledare",
            action="change",
        ),
    )
    assert corrected.status_code == 302
    ada = Participant.objects.get()
    assert (ada.name, ada.organisation, ada.organisation_name, ada.role, ada.email) == (
        "Ada Andersson",
        kil,
        "",
        "Utvecklingsledare",
        "ada@example.org",
    )
    assert "Dina ändringar är sparade." in client.get(link).content.decode()


def test_the_confirmation_says_what_was_registered_but_not_the_needs_themselves(client, conference):
    register(
        client,
        "Ada Andersson",
        "ada@example.org",
        role="Utvecklingsledare",
        dietary_needs="Nötallergi",
        needs_consent="on",
    )
    [mail] = outbox("participant_confirmed")
    for shown in ["Ada Andersson", "ada@example.org", "Föreningen Framtid", "Utvecklingsledare"]:
        assert shown in mail.body_text
    assert "Behov: angivna" in mail.body_text
    assert "Nötallergi" not in mail.body_text + mail.body_html  # special-category data


def test_the_conference_lists_material_for_everyone_and_not_the_coordinators_guide(
    client, conference
):
    from meetings.models import Material

    for title, audience in [("Program", "everyone"), ("Vägledning för samordnare", "coordinators")]:
        Material.objects.create(
            cycle=conference.cycle, title=title, url="https://example.org/x", audience=audience
        )
    page = client.get("/arshjul/2027/moten/konferens/").content.decode()
    assert "Program" in page and "Vägledning för samordnare" not in page
    register(client, "Ada", "ada@example.org")
    [mail] = outbox("participant_confirmed")
    assert "Program" in mail.body_text and "Vägledning för samordnare" not in mail.body_text
    work_meeting = client.get("/arshjul/2027/moten/arbetsmote/").content.decode()
    assert "Vägledning för samordnare" in work_meeting


def test_the_meeting_page_says_its_places_once(client, conference):
    page = client.get("/arshjul/2027/moten/konferens/").content.decode()
    assert page.count("2 av 2 platser kvar") == 1
    assert "<dt>Platser</dt>" not in page


def test_forms_about_oneself_let_the_browser_fill_in_name_and_address(
    client, conference, owner_client, work_meeting
):
    import re

    def autocomplete(page, name) -> str:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page.content.decode())[0]
        return re.search(r'autocomplete="([^"]*)"', tag)[1]

    own = client.get(FORM)
    assert [autocomplete(own, n) for n in ["name", "email", "role", "organisation_name"]] == [
        "name",
        "email",
        "organization-title",
        "organization",
    ]
    # A coordinator typing a colleague's details: the browser must not offer their own.
    rows = owner_client.get(f"/min-organisation/moten/{work_meeting.pk}/anmal/")
    assert autocomplete(rows, "p-0-email") == autocomplete(rows, "p-0-name") == "off"
