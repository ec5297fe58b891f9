"""Shared fixtures of the core's tests."""

import datetime

import pytest

from arshjul.models import OutgoingMail
from registrations.invitations import invitation_add
from registrations.models import Invitation
from registrations.services import Person, participants_register
from survey.models import Response
from tests import factories


@pytest.fixture
def world(frozen_now):
    """Known answers on 27 November 2026, sign-up closing 19 December:

    - Kils kommun: 2 confirmed and 1 waiting for the work meeting (capacity 2); 2 invited to
      the direction meeting, one said yes; 2 leadership groups, 1 submitted.
    - Eda kommun: nobody registered; its group has the link and has not submitted.
    - Karlstads universitet: nobody registered, no coordinator.
    """
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    work = cycle.meetings.get(slug="arbetsmote")
    work.capacity = 2
    work.save()
    direction = cycle.meetings.get(slug="riktningsmote")
    direction.registration_closes_at = factories.end_of_day(2027, 3, 1)
    direction.save()
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    eda = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    kau = factories.organisation(name="Karlstads universitet", category="university")
    anna = factories.coordinator(cycle, kil, name="Anna Kil", email="anna@kil.example.org")
    erik = factories.coordinator(cycle, eda, name="Erik Eda", email="erik@eda.example.org")
    group = cycle.cycle_challenges.first().challenge
    participants_register(
        meeting=work,
        organisation=kil,
        people=[
            Person(f"Person {n}", f"p{n}@kil.example.org", workshop_group=group) for n in range(3)
        ],
    )
    yes = invitation_add(meeting=direction, name="Ja", email="ja@kil.example.org", organisation=kil)
    Invitation.objects.filter(pk=yes.pk).update(answer=Invitation.Answer.ACCEPTED)
    invitation_add(meeting=direction, name="Tyst", email="tyst@kil.example.org", organisation=kil)
    Invitation.objects.filter(meeting=direction).update(sent_at=datetime.datetime.now(datetime.UTC))
    survey = factories.survey(cycle)
    done_group = factories.leadership_group(
        kil, name="Kils ledningsgrupp", contact_email="lg@kil.example.org"
    )
    factories.leadership_group(kil, name="Kils andra grupp", contact_email="lg2@kil.example.org")
    eda_group = factories.leadership_group(
        eda, name="Edas grupp", contact_email="lg@eda.example.org"
    )
    factories.submitted_response(survey, done_group, answers={})
    Response.objects.create(
        survey=survey, group=eda_group, link_sent_at=datetime.datetime.now(datetime.UTC)
    )
    OutgoingMail.objects.all().delete()  # what setting up sent
    return {
        "cycle": cycle,
        "work": work,
        "direction": direction,
        "survey": survey,
        "kil": kil,
        "eda": eda,
        "kau": kau,
        "anna": anna,
        "erik": erik,
    }
