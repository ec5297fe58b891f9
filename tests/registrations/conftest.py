import base64
import re

import pytest
from django.test import TestCase

from arshjul.models import OutgoingMail
from registrations import signin
from registrations.services import Person, participants_register
from registrations.views import SESSION_KEY
from tests import factories


@pytest.fixture
def cycle(db, frozen_now):
    """The upcoming cycle on 27 November 2026: sign-up closes 19 December, 23:59:59."""
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def work_meeting(cycle):
    return cycle.meetings.get(slug="arbetsmote")


@pytest.fixture
def owner(cycle):
    """The coordinator of Kils kommun — the organisation whose data the tests touch."""
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    return factories.coordinator(cycle, org, name="Anna Samordnare", email="anna@kil.example.org")


@pytest.fixture
def outsider(cycle):
    """The coordinator of another organisation, who must see none of Kil's data."""
    org = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    return factories.coordinator(cycle, org, name="Erik Utomstående", email="erik@eda.example.org")


@pytest.fixture
def ada(owner, work_meeting):
    """One participant of Kils kommun, registered for the work meeting."""
    group = work_meeting.cycle.cycle_challenges.first().challenge
    [participant] = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[Person("Ada Andersson", "ada@kil.example.org", workshop_group=group)],
    )
    return participant


def sign_in(client, coordinator):
    """Sign the coordinator in as the link would, acting for their organisation."""
    user = signin.coordinator_user(coordinator.email)
    client.force_login(user, backend="sesame.backends.ModelBackend")
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    return client


@pytest.fixture
def owner_client(client, owner):
    return sign_in(client, owner)


def ask_for_link(client, email, **extra):
    """Ask for a sign-in link as a visitor does, and let the work queued for after the
    request's transaction (the worker's look-up and the e-mail) run, as it would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/logga-in/", {"email": email}, **extra)


def rows(*people, group=None, prefix="p"):
    """POST data for the multi-row form: (name, email) pairs."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(people)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }
    for i, (name, email) in enumerate(people):
        data[f"{prefix}-{i}-name"] = name
        data[f"{prefix}-{i}-email"] = email
        data[f"{prefix}-{i}-role"] = "Utvecklingsstrateg"
        if group:
            data[f"{prefix}-{i}-workshop_group"] = str(group.pk)
    return data


def outbox(kind=None, to=None):
    mails = OutgoingMail.objects.order_by("pk")
    if kind:
        mails = mails.filter(kind=kind)
    if to:
        mails = mails.filter(to=to)
    return list(mails)


def link_in(mail) -> str:
    return re.search(r"https?://\S+/logga-in/lank/\?sesame=\S+", mail.body_text).group(0)


def attachment(mail, filename):
    for item in mail.attachments:
        if item["filename"] == filename:
            return base64.b64decode(item["content"])
    raise AssertionError(f"no attachment {filename}: {[a['filename'] for a in mail.attachments]}")
