"""The empty open-registration form is made once and kept (everyone who comes when the
conference opens GETs the same form), with a CSRF token of its own for each visitor, and
made anew as soon as what it lists changes."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting
from meetings.services import meeting_save
from registrations.models import Participant
from tests import factories

pytestmark = pytest.mark.django_db

FORM = "/arshjul/2027/moten/konferens/anmal/"


@pytest.fixture
def conference(cycle):
    meeting = Meeting.objects.get(cycle=cycle, slug="konferens")
    meeting.participation, meeting.capacity = "open", 2
    meeting.registration_closes_at = factories.end_of_day(2027, 9, 15)
    return meeting_save(meeting=meeting)


def visit():
    visitor = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        html = visitor.get(FORM).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    return visitor, html, token, len(queries)


def test_the_kept_form_lists_a_new_organisation_and_each_visitor_has_a_token(conference):
    factories.organisation(name="Kils kommun", category="municipality", municipality_code="1715")
    _, first, first_token, made = visit()
    visitor, second, token, kept = visit()
    assert "Kils kommun" in first and "Kils kommun" in second
    assert kept < made  # the organisations were not read again
    assert token != first_token
    # The kept form is posted with this visitor's own token.
    answer = visitor.post(
        FORM,
        {
            "csrfmiddlewaretoken": token,
            "name": "Ada",
            "email": "ada@example.org",
            "organisation_name": "Föreningen Framtid",
        },
    )
    assert answer.status_code == 302 and Participant.objects.filter(email="ada@example.org")
    factories.organisation(name="Eda kommun", category="municipality", municipality_code="1730")
    _, html, _, _ = visit()
    assert "Eda kommun" in html


def test_a_refused_form_shows_what_was_typed_not_the_kept_empty_one(conference):
    visit()
    answer = Client().post(FORM, {"name": "Ada", "email": "inte-en-adress"})
    assert 'value="inte-en-adress"' in answer.content.decode()
