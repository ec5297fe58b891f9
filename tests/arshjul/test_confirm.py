"""The shared confirmation (arshjul.lib.confirm): a rehearsal changes nothing and queues
nothing; a confirmation is for what was shown, by this site, and not for ever."""

import pytest

from arshjul import coordinators
from arshjul.lib import confirm as confirmation
from arshjul.models import Coordinator, OutgoingMail
from tests import factories
from tests.confirming import confirm, confirming_form

pytestmark = pytest.mark.django_db

CYCLES = "/admin/arshjul/cycle/"


@pytest.fixture
def carried(frozen_now):
    """Anna, coordinator of Kil in 2026, carried over into the 2027 draft, not yet asked."""
    frozen_now(2026, 10, 1, 9)
    old = factories.cycle(2026)
    new = factories.cycle(2027, status="draft")
    kil = factories.organisation(name="Kils kommun", category="other")
    factories.coordinator(old, kil, name="Anna Kil", email="anna@kil.example.org")
    return factories.coordinator(new, kil, name="Anna Kil", email="anna@kil.example.org")


def test_a_rehearsal_counts_and_renders_the_mail_and_leaves_no_trace(carried):
    rehearsal = confirmation.rehearse(lambda: coordinators.coordinators_ask(cycle=carried.cycle))

    assert (rehearsal.result, rehearsal.count, rehearsal.recipients) == (
        1,
        1,
        ["anna@kil.example.org"],
    )
    assert rehearsal.preview.subject == "Är du fortfarande samordnare i Årshjul 2027?"
    assert "nyckel=•••" in rehearsal.preview_text
    assert not OutgoingMail.objects.exists()
    anna = Coordinator.objects.get(pk=carried.pk)
    assert (anna.confirmation_asked_at, anna.token_hash) == (None, "")


def test_a_confirmation_left_open_overnight_asks_again(carried, editor, editor_client, frozen_now):
    data = {"action": "ask_coordinators", "_selected_action": [carried.cycle.pk]}
    first = editor_client.post(CYCLES, data)

    frozen_now(2026, 10, 2, 9)  # the next morning
    editor_client.force_login(editor)
    page = confirm(editor_client, CYCLES, first)

    assert not OutgoingMail.objects.exists()
    assert confirming_form(page)  # asked again, with the figures of now


def test_a_forged_or_altered_key_confirms_nothing(carried, editor_client):
    data = {"action": "ask_coordinators", "_selected_action": [carried.cycle.pk]}
    first = editor_client.post(CYCLES, data)

    confirm(editor_client, CYCLES, first, confirmation="made-up")
    key = dict(confirming_form(first)["fields"])[confirmation.FIELD]
    confirm(editor_client, CYCLES, first, confirmation=key[:-2] + "xx")

    assert not OutgoingMail.objects.exists()
