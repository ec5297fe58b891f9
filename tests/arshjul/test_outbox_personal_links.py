"""Staff read the outbox, never the personal links in it: every e-mail that carries a way in
(a survey's group link, an invitation's answer link, a registration's link, a carried-over
coordinator's confirmation link, a sign-in link) shows that link masked, to every member of
staff, while the e-mail as sent keeps it. Staff send such a link again with the admin's
actions; they have no use for reading it, and whoever reads it can act as its owner."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as sent
from django.test import Client

from arshjul import coordinators
from arshjul.models import OutgoingMail
from arshjul.reminders import Reminder
from registrations import colleagues, invitations, signin
from registrations import emails as registration_emails
from registrations.open_registration import open_registration_submit
from registrations.participants import Person
from survey import emails as survey_emails
from survey import services as survey_services
from tests import factories
from tests.helpers import staff_member

pytestmark = pytest.mark.django_db

# Every kind of e-mail that carries a personal link, made below the way the site makes it.
PERSONAL_KINDS = [
    "participant_confirmed",
    "registration_link_again",
    "invitation",
    "invitation_reminder",
    "survey_link",
    "survey_reminder",
    "survey_submitted",
    "cycle_confirm",
    "signin_link",
]
STAFF = ["reader", "editor", "superuser"]
TOKEN = re.compile(r"(?:nyckel|sesame)=([^&#\s\"'<>]+)")


@pytest.fixture
def outbox(db, frozen_now, django_capture_on_commit_callbacks):
    """One e-mail of each kind with a link, sent (to Django's test mailbox)."""
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    with django_capture_on_commit_callbacks(execute=True):
        conference = cycle.meetings.get(slug="konferens")
        conference.participation, conference.capacity = "open", 100
        conference.save()
        olle = Person("Olle Öppen", "olle@example.org")
        open_registration_submit(meeting=conference, person=olle, organisation_name="Föreningen")
        open_registration_submit(meeting=conference, person=olle, organisation_name="Föreningen")

        invitee = invitations.invitation_add(
            meeting=cycle.meetings.get(slug="riktningsmote"),
            name="Inga Inbjuden",
            email="inga@example.org",
            organisation=kil,
        )
        url = invitations.invitation_url(invitee)
        invitee.save()
        registration_emails.invitation(invitee, url=url)
        registration_emails.invitation(invitee, url=url, reminder=Reminder(7, 7, claim_id=1))

        survey = factories.survey(cycle)
        response = survey_services.response_get_or_create(
            survey=survey, group=factories.leadership_group(kil)
        )
        url = survey_services.response_url(response)
        response.save()
        survey_emails.survey_link(response, url=url)
        survey_emails.survey_link(response, url=url, reminder=Reminder(3, 7, claim_id=2))
        submitted = factories.submitted_response(
            survey, factories.leadership_group(kil, name="Styrelsen"), {"yes": "yes"}
        )
        survey_emails.survey_submitted(
            submitted, receipt_url=survey_services.receipt_url(submitted)
        )
        submitted.save()

        lead = factories.coordinator(cycle, kil, name="Anna Kil", email="anna@kil.example.org")
        coordinators.confirmation_ask(lead)
        signin.signin_link_send(lead.email)
        colleagues.colleague_add(coordinator=lead, name="Bo Kil", email="bo@kil.example.org")


def staff_client(role) -> Client:
    client = Client()
    if role == "reader":
        client.force_login(staff_member("lasare", "Läsare"))
    elif role == "editor":
        client.force_login(staff_member("redaktor", "Redaktör"))
    else:
        client.force_login(
            get_user_model().objects.create_superuser("chef", "chef@example.org", "long-password")
        )
    return client


def tokens_in(mail: OutgoingMail) -> set[str]:
    return set(TOKEN.findall(mail.body_text + mail.body_html))


@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize("kind", PERSONAL_KINDS)
def test_staff_read_an_email_with_its_personal_link_masked(outbox, kind, role):
    [mail] = OutgoingMail.objects.filter(kind=kind)
    secrets = tokens_in(mail)
    assert secrets, f"the {kind} e-mail carries no personal link"
    client = staff_client(role)

    page = client.get(f"/admin/arshjul/outgoingmail/{mail.pk}/change/").content.decode()
    listing = client.get("/admin/arshjul/outgoingmail/", {"kind": kind}).content.decode()

    for secret in secrets:
        assert secret not in page and secret not in listing
    assert "=•••" in page and "(personlig länk, dold)" in page
    assert mail.to in listing


def test_the_email_as_sent_keeps_every_personal_link(outbox):
    for kind in PERSONAL_KINDS:
        [mail] = OutgoingMail.objects.filter(kind=kind)
        [message] = [m for m in sent.outbox if m.subject == mail.subject and m.to == [mail.to]]
        html = message.alternatives[0][0] if message.alternatives else ""
        for secret in tokens_in(mail):
            assert secret in message.body, kind
            assert not html or secret in html, kind


@pytest.mark.parametrize("role", STAFF)
def test_a_link_anyone_may_open_stays_readable(outbox, role):
    """The colleague's e-mail points to the public sign-in page: nothing to hide."""
    [mail] = OutgoingMail.objects.filter(kind="colleague_added")
    page = staff_client(role).get(f"/admin/arshjul/outgoingmail/{mail.pk}/change/")
    assert "/logga-in/" in page.content.decode()
    assert "dold" not in page.content.decode()


def test_a_token_is_masked_wherever_it_stands_and_nothing_else_is():
    from django.utils import translation

    from arshjul.lib.tokens import personal_links_masked

    with translation.override("sv"):
        assert personal_links_masked(
            "Din länk: https://arshjul.example/enkat/?nyckel=abc-DEF_123\nHej!"
        ) == ("Din länk: https://arshjul.example/enkat/?nyckel=••• (personlig länk, dold)\nHej!")
        assert personal_links_masked("/logga-in/lank/?next=/&sesame=AbC.d:e") == (
            "/logga-in/lank/?next=/&sesame=•••"
        )
        assert personal_links_masked('<a href="/anmalan/?x=1&amp;nyckel=abc">') == (
            '<a href="/anmalan/?x=1&amp;nyckel=•••">'
        )
        public = "Logga in: https://arshjul.example/logga-in/?next=/min-organisation/"
        assert personal_links_masked(public) == public
