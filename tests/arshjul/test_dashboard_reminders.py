""" "Kommande påminnelser" on the cycle's overview: what goes out when, to how many, per kind;
an editor pauses a kind and resumes it (the whole cast posts the form); staff's "remind now"
and the schedule share one claim."""

import html
import re

import pytest
from django.test import Client, TestCase

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail, ReminderPause
from tests.helpers import DASHBOARD, sign_in

pytestmark = pytest.mark.django_db


def sweep():
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_sweeps(["reminders"])


def sign_up_reminders():
    return list(
        OutgoingMail.objects.filter(kind="reminder_no_participants")
        .order_by("pk")
        .values_list("to", "subject")
    )


def signed_in(user) -> Client:
    """A client signed in now (moving the clock weeks on ends a session signed in before)."""
    client = Client()
    client.force_login(user)
    return client


def section(page) -> str:
    """The words of the "Kommande påminnelser" section, as a reader of the page gets them."""
    page = page.content.decode()
    start = page.index('id="reminders"')
    part = page[start : page.index("</section>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def test_staff_see_what_goes_out_when_and_to_how_many(world, reader_client):
    """On 27 November: Eda (no participants; Karlstads universitet has no coordinator) and
    Eda's group (not submitted) on 12 and 17 December; Kil's two participants on 11 January;
    Kil's invitee who has not answered on 22 February."""
    words = section(reader_client.get(DASHBOARD.format(world["cycle"].pk)))

    assert "Kommande påminnelser" in words
    assert "från kl. 08.00 (svensk tid), aldrig efter kl. 20.00" in words
    assert (
        "Anmälan: samordnare vars organisation inte har anmält någon Dagar före sista dagen: 7, 2."
        in words
    )
    assert "lördag 12 december kl. 08.00 Arbetsmöte 7 1 organisation" in words
    assert "torsdag 17 december kl. 08.00 Arbetsmöte 2 1 organisation" in words
    assert "lördag 12 december kl. 08.00 Ledningsenkäten 7 1 grupp" in words
    assert "måndag 11 januari kl. 08.00 Arbetsmöte 2 2 deltagare" in words
    assert "måndag 22 februari kl. 08.00 Riktningsmöte 7 1 inbjuden" in words
    assert "Pausa" not in words  # a reader sees, and cannot pause


def test_a_reminder_sent_is_no_longer_upcoming(world, editor, frozen_now):
    frozen_now(2026, 12, 12, 9)
    sweep()
    words = section(signed_in(editor).get(DASHBOARD.format(world["cycle"].pk)))
    assert "12 december kl. 08.00 Arbetsmöte" not in words
    assert "torsdag 17 december kl. 08.00 Arbetsmöte 2 1 organisation" in words


def test_an_editor_pauses_a_kind_and_nothing_of_it_goes_until_resumed(world, editor, frozen_now):
    editor_client = signed_in(editor)
    url = DASHBOARD.format(world["cycle"].pk)
    page = editor_client.post(url, {"kind": "sign_up", "pause": "1"}, follow=True)
    assert "Pausade: ”Anmälan: samordnare vars organisation inte har anmält någon”" in (
        page.content.decode()
    )
    assert "Pausade sedan 27 november 2026 av redaktor" in section(page)

    frozen_now(2026, 12, 12, 8)
    sweep()
    assert sign_up_reminders() == []
    assert OutgoingMail.objects.filter(kind="survey_reminder").count() == 1  # not paused

    frozen_now(2026, 12, 14, 10)
    signed_in(editor).post(url, {"kind": "sign_up", "resume": "1"})
    assert not ReminderPause.objects.exists()
    sweep()
    sweep()
    # The 7-day mark went by while paused: it goes now, saying what is true now.
    assert sign_up_reminders() == [
        (
            "erik@eda.example.org",
            "Eda kommun: 5 dagar kvar att anmäla deltagare till Arbetsmöte (19 december)",
        )
    ]


def test_a_kind_resumed_after_a_nearer_mark_sends_only_that_one(world, editor, frozen_now):
    url = DASHBOARD.format(world["cycle"].pk)
    signed_in(editor).post(url, {"kind": "sign_up", "pause": "1"})
    frozen_now(2026, 12, 17, 12)
    signed_in(editor).post(url, {"kind": "sign_up", "resume": "1"})
    sweep()
    assert [subject.split(": ")[1][:13] for _, subject in sign_up_reminders()] == ["2 dagar kvar "]


@pytest.mark.parametrize("action", ["pause", "resume"])
def test_only_an_editor_pauses_or_resumes_whoever_posts(world, reader, editor, action):
    """The whole cast posts both forms: anonymous and coordinators are sent to the staff
    login, a reader is refused, an editor does it."""
    url = DASHBOARD.format(world["cycle"].pk)
    cycle = world["cycle"]
    paused_before = action == "resume"
    if paused_before:
        ReminderPause.objects.create(cycle=cycle, kind="survey")
    data = {"kind": "survey", action: "1"}

    anonymous = Client().post(url, data)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    for coordinator in (world["anna"], world["erik"]):
        response = sign_in(Client(), coordinator).post(url, data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    reader_client = Client()
    reader_client.force_login(reader)
    assert reader_client.post(url, data).status_code == 403
    assert ReminderPause.objects.filter(cycle=cycle, kind="survey").exists() == paused_before

    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.post(url, data).status_code == 302
    assert ReminderPause.objects.filter(cycle=cycle, kind="survey").exists() != paused_before


def test_pausing_a_kind_that_does_not_exist_changes_nothing(world, editor_client):
    page = editor_client.post(
        DASHBOARD.format(world["cycle"].pk), {"kind": "nonsense", "pause": "1"}, follow=True
    )
    assert "Den sortens påminnelse finns inte." in page.content.decode()
    assert not ReminderPause.objects.exists()


def test_the_remind_button_of_a_paused_kind_sends_nothing_and_says_why(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    filtered = {"not_yet": f"participants-{world['work'].pk}"}
    editor_client.post(url, {"kind": "sign_up", "pause": "1"})

    page = editor_client.get(url, filtered).content.decode()
    assert "är pausade för årshjulet" in page
    assert 'name="remind"' not in page
    page = editor_client.post(url, {**filtered, "remind": "1"}, follow=True).content.decode()
    assert "De här påminnelserna är pausade för årshjulet" in page
    assert sign_up_reminders() == []


def test_staff_reminding_before_the_hour_and_the_schedule_send_the_mark_once(
    world, editor, frozen_now
):
    url = DASHBOARD.format(world["cycle"].pk)
    frozen_now(2026, 12, 12, 7, 30)  # staff come in early, on the 7-day mark's day
    signed_in(editor).post(url, {"not_yet": f"participants-{world['work'].pk}", "remind": "1"})
    frozen_now(2026, 12, 12, 8, 0)
    sweep()
    assert sign_up_reminders() == [
        (
            "erik@eda.example.org",
            "Eda kommun: 7 dagar kvar att anmäla deltagare till Arbetsmöte (19 december)",
        )
    ]


def test_staff_reminding_on_a_day_between_marks_does_not_stop_the_next_mark(
    world, editor, frozen_now
):
    url = DASHBOARD.format(world["cycle"].pk)
    frozen_now(2026, 12, 15, 10)  # the 7-day mark went by (the system was down)
    signed_in(editor).post(url, {"not_yet": f"participants-{world['work'].pk}", "remind": "1"})
    sweep()  # the late 7-day mark: Eda was reminded today, with these words
    frozen_now(2026, 12, 17, 8)
    sweep()
    assert [subject[:24] for _, subject in sign_up_reminders()] == [
        "Eda kommun: 4 dagar kvar",
        "Eda kommun: 2 dagar kvar",
    ]
