import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.registrations.conftest import sign_in
from working_material.models import GuidingQuestions, WorkingMaterial


@pytest.fixture
def cycle(db, frozen_now):
    """27 November 2026; the working material is due 8 January 2027, 23:59:59."""
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


@pytest.fixture
def material(cycle):
    material = WorkingMaterial.objects.create(
        cycle=cycle,
        introduction="Berätta vad ni gör.",
        closes_at=timezone.make_aware(datetime.datetime(2027, 1, 8, 23, 59, 59)),
        published=True,
    )
    for item in cycle.cycle_challenges.all():
        GuidingQuestions.objects.create(
            material=material,
            challenge=item.challenge,
            questions="- Vad gör ni?",
            position=item.position,
        )
    return material


@pytest.fixture
def challenges(material):
    return [item.challenge for item in material.challenges.all()]


@pytest.fixture
def kil(db):
    return factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )


@pytest.fixture
def owner(cycle, kil):
    return factories.coordinator(cycle, kil, name="Anna Samordnare", email="anna@kil.example.org")


@pytest.fixture
def colleague(cycle, kil):
    return factories.coordinator(
        cycle, kil, name="Bo Kollega", email="bo@kil.example.org", is_lead=False
    )


@pytest.fixture
def outsider(cycle):
    eda = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    return factories.coordinator(cycle, eda, name="Erik", email="erik@eda.example.org")


@pytest.fixture
def owner_client(client, owner):
    return sign_in(client, owner)


def form(*, entries=(), reflections=None, seen=None, action="save") -> dict:
    """POST data of the answer page: ``entries`` as dicts (with "id" and "version" for saved
    ones), reflection texts by kind, and the versions the page showed (``seen``; for saved
    texts without what the page showed, as an old page: tests of pages as they are shown
    post them back with tests.html.form_as_shown)."""
    data = {
        "action": action,
        "e-TOTAL_FORMS": str(len(entries)),
        "e-INITIAL_FORMS": "0",
        "e-MIN_NUM_FORMS": "0",
        "e-MAX_NUM_FORMS": "100",
    }
    for number, entry in enumerate(entries):
        for key, value in entry.items():
            data[f"e-{number}-{key}"] = value
    for kind in ["hard", "success", "create", "break", "keep"]:
        data[f"r-{kind}"] = (reflections or {}).get(kind, "")
        version = (seen or {}).get(kind, 0)
        data[f"r-{kind}-version"] = str(version)
        if not version:
            data[f"r-{kind}-shown"] = ""  # the page showed nothing yet
    return data


def entry(**fields) -> dict:
    return {
        "kind": "initiative",
        "description": "",
        "participants": "",
        "contact": "",
        "link": "",
        **fields,
    }
