"""A confirmation clicked several times at once (a double click, a slow page) still sends
each e-mail once, and the link in it is the one that works: real threads, PostgreSQL."""

import re

import pytest
from django.db import connection
from django.test import Client

from arshjul.models import OutgoingMail
from meetings.models import Meeting
from registrations import invitations
from tests import factories
from tests.confirming import as_data, confirming_form
from tests.helpers import run_at_once, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

CLICKS = 5


def confirm_at_once(editor, url, first_page):
    data = as_data(confirming_form(first_page)["fields"])

    def click(n):
        client = Client()
        client.force_login(editor)
        return client.post(url, data).status_code

    return run_at_once(CLICKS, click)


def test_invitations_confirmed_five_times_at_once_go_once_with_a_link_that_works(frozen_now):
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    direction = cycle.meetings.get(slug="riktningsmote")
    Meeting.objects.filter(pk=direction.pk).update(
        registration_closes_at=factories.end_of_day(2027, 3, 9)
    )
    invitation = invitations.invitation_add(meeting=direction, name="A", email="a@example.org")
    editor = staff_member("redaktor", "Redaktör")
    client = Client()
    client.force_login(editor)
    url = "/admin/registrations/invitation/"
    first = client.post(url, {"action": "send", "_selected_action": [invitation.pk], "index": 0})

    confirm_at_once(editor, url, first)

    [mail] = OutgoingMail.objects.filter(kind="invitation")
    link = re.search(r"/inbjudan/\?nyckel=\S+", mail.body_text).group(0)
    assert "Inbjudan: Riktningsmöte" in Client().get(link).content.decode()


def test_the_next_year_question_confirmed_five_times_at_once_goes_once_with_a_link_that_works(
    frozen_now,
):
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 10, 1, 9)
    old, new = factories.cycle(2026), factories.cycle(2027, status="draft")
    kil = factories.organisation(name="Kils kommun", category="other")
    factories.coordinator(old, kil, name="Anna Kil", email="anna@kil.example.org")
    factories.coordinator(new, kil, name="Anna Kil", email="anna@kil.example.org")
    editor = staff_member("redaktor", "Redaktör")
    client = Client()
    client.force_login(editor)
    url = "/admin/arshjul/cycle/"
    first = client.post(url, {"action": "ask_coordinators", "_selected_action": [new.pk]})

    confirm_at_once(editor, url, first)

    [mail] = OutgoingMail.objects.filter(kind="cycle_confirm")
    link = re.search(r"/samordnare/nasta-ar/\?nyckel=\S+", mail.body_text).group(0)
    assert "Fortsätter du som samordnare?" in Client().get(link).content.decode()
