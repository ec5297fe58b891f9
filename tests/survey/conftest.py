import re

import pytest
from django.test import TestCase

from arshjul.models import OutgoingMail
from survey import services
from tests import factories
from tests.html import hidden_fields
from tests.registrations.conftest import sign_in


@pytest.fixture
def cycle(db, frozen_now):
    """27 November 2026: the survey of the 2027 cycle is open until 19 December, 23:59:59."""
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def survey(cycle):
    return factories.survey(cycle)


@pytest.fixture
def kil(db):
    return factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )


@pytest.fixture
def eda(db):
    return factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )


@pytest.fixture
def kil_group(kil):
    return factories.leadership_group(kil, contact_email="ledning@kil.example.org")


@pytest.fixture
def eda_group(eda):
    return factories.leadership_group(eda, contact_email="ledning@eda.example.org")


@pytest.fixture
def owner(cycle, kil):
    return factories.coordinator(cycle, kil, name="Anna Samordnare", email="anna@kil.example.org")


@pytest.fixture
def outsider(cycle, eda):
    return factories.coordinator(cycle, eda, name="Erik Utomstående", email="erik@eda.example.org")


@pytest.fixture
def owner_client(client, owner):
    return sign_in(client, owner)


def send_link(survey, group) -> str:
    """Send the group its link as the coordinator's button does; the path it opens."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.links_send(survey=survey, groups=[group])
    return link_in_mail(group.contact_email)


def link_in_mail(address: str) -> str:
    mail = OutgoingMail.objects.filter(to=address).order_by("-pk").first()
    return re.search(r"http://[^/\s]+(/enkat/\?nyckel=[\w-]+)", mail.body_text)[1]


@pytest.fixture
def kil_link(survey, kil_group):
    """The path Kil's group's link opens: /enkat/?nyckel=…"""
    return send_link(survey, kil_group)


def answers(survey, **values) -> dict:
    """POST data for the answer page: answers by question key, plus the versions shown."""
    data = {}
    for key, value in values.items():
        data[f"q{survey.q[key].pk}"] = value
    return data


def versions_on(page) -> dict:
    """What an answer page says it showed (each answer's hidden q<id>-shown and q<id>-version
    fields), as a browser posts it back."""
    return hidden_fields(page, r"q\d+-(shown|version)")
