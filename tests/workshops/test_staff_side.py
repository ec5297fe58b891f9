"""Staff's side of the workshop notes: the notes in the admin, corrected also after they
close and shared item by item; the scribes added (a participant of the group, or staff by
name) and sent their link by e-mail; the closing set on the meeting's page; the command that
prints a scribe's link on a laptop."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from django.utils import timezone

from registrations.models import Participant
from tests.helpers import outbox
from tests.workshops.helpers import as_shown, fields_of, fresh, link, token_of
from workshops.models import NoteEntry, Notes, NotesClosing, Scribe

NOTES = "/admin/workshops/notes/"


def change_url(notes) -> str:
    return f"{NOTES}{notes.pk}/change/"


def entry_of(notes, **fields) -> NoteEntry:
    fields.setdefault("kind", "initiative")
    return NoteEntry.objects.create(notes=notes, saved_at=timezone.now(), **fields)


def test_the_list_shows_each_groups_notes_by_meeting_and_challenge(reader_client, notes, lina):
    entry_of(notes, name="Ett initiativ")
    page = reader_client.get(NOTES)
    html = page.content.decode()
    assert page.status_code == 200
    assert notes.challenge.name in html and "Arbetsmöte" in html
    assert reader_client.get(f"{NOTES}?meeting__id__exact={notes.meeting_id}").status_code == 200


def test_an_editor_corrects_and_shares_an_entry_after_the_notes_closed(
    editor, notes, lina, frozen_now, kil
):
    entry = entry_of(notes, name="Stavfel", organisation_names="")
    frozen_now(2027, 3, 1, 12)  # long after the notes closed to the scribes
    editor_client = Client()
    editor_client.force_login(editor)
    shown = fields_of(editor_client.get(change_url(notes)))
    [name_field] = [k for k, v in shown.items() if v == "Stavfel"]
    prefix = name_field.removesuffix("-name")
    changed = editor_client.post(
        change_url(notes),
        {
            **shown,
            name_field: "Rättat",
            f"{prefix}-shared": "on",
            f"{prefix}-organisations": [str(kil.pk)],
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:3000]
    entry.refresh_from_db()
    assert (entry.name, entry.shared, entry.organisation_names) == ("Rättat", True, "Kils kommun")
    assert entry.version == 2 and entry.saved_by == "redaktor"


def test_a_reader_sees_the_notes_but_cannot_change_them(reader, editor, notes, lina):
    entry = entry_of(notes, name="Orört")
    reader_client, editor_client = Client(), Client()
    reader_client.force_login(reader)
    editor_client.force_login(editor)
    shown = fields_of(editor_client.get(change_url(notes)))
    [name_field] = [k for k, v in shown.items() if v == "Orört"]
    assert reader_client.get(change_url(notes)).status_code == 200
    refused = reader_client.post(change_url(notes), {**shown, name_field: "Ändrat"})
    assert refused.status_code == 403
    entry.refresh_from_db()
    assert entry.name == "Orört"


def scribe_rows(shown: dict, **row) -> dict:
    """The notes' admin form with one new scribe row."""
    number = int(shown["scribes-TOTAL_FORMS"]) - 1  # the empty extra row
    return {**shown, **{f"scribes-{number}-{k}": v for k, v in row.items()}}


def test_a_participant_of_the_group_becomes_a_scribe_with_their_name_and_address(
    editor_client, notes, kil
):
    participant = Participant.objects.create(
        meeting=notes.meeting,
        organisation=kil,
        name="Petra Deltagare",
        email="petra@kil.example.org",
        workshop_group=notes.challenge,
    )
    shown = fields_of(editor_client.get(change_url(notes)))
    added = editor_client.post(change_url(notes), scribe_rows(shown, participant=participant.pk))
    assert added.status_code == 302
    scribe = Scribe.objects.get()
    assert (scribe.name, scribe.email, scribe.participant) == (
        "Petra Deltagare",
        "petra@kil.example.org",
        participant,
    )


def test_a_participant_of_another_group_is_refused_as_scribe(editor_client, notes, kil, challenges):
    other = Participant.objects.create(
        meeting=notes.meeting,
        organisation=kil,
        name="Fel Grupp",
        email="fel@kil.example.org",
        workshop_group=challenges[1],
    )
    shown = fields_of(editor_client.get(change_url(notes)))
    refused = editor_client.post(change_url(notes), scribe_rows(shown, participant=other.pk))
    assert refused.status_code == 200
    assert "Välj en deltagare i det här mötet" in refused.content.decode()
    assert not Scribe.objects.exists()


def test_staff_are_added_as_scribes_by_name_and_address(editor_client, notes):
    shown = fields_of(editor_client.get(change_url(notes)))
    added = editor_client.post(
        change_url(notes), scribe_rows(shown, name="Maria Personal", email="maria@example.org")
    )
    assert added.status_code == 302 and Scribe.objects.get().name == "Maria Personal"
    shown = fields_of(editor_client.get(change_url(notes)))
    nameless = editor_client.post(change_url(notes), scribe_rows(shown, email="x@example.org"))
    assert "Ange sekreterarens namn" in nameless.content.decode()


def test_the_scribes_link_goes_by_e_mail_through_the_outbox_and_opens_the_notes(
    editor_client, notes, lina, oskar
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = editor_client.post(
            NOTES, {"action": "send_links", "_selected_action": [notes.pk]}, follow=True
        )
    assert "2 länkar ligger i utkorgen" in sent.content.decode()
    [mail] = outbox(kind="workshop_link", to="lina@example.org")
    assert notes.challenge.name in mail.subject
    url = mail.body_text.split("http://", 1)[1].split()[0]
    page = Client().get(url[url.index("/anteckningar/") :])
    assert page.status_code == 200 and "Du skriver som Lina Skrivare" in page.content.decode()
    lina.refresh_from_db()
    assert lina.link_sent_at is not None


def test_replacing_a_link_stops_the_old_one(editor_client, lina):
    old = link(lina)
    editor_client.post(
        "/admin/workshops/scribe/", {"action": "replace_link", "_selected_action": [lina.pk]}
    )
    assert Client().get(old).status_code == 404
    [mail] = outbox(kind="workshop_link")
    assert "/anteckningar/?nyckel=" in mail.body_text


def test_a_reader_sends_no_link(reader_client, notes, lina):
    reader_client.post(NOTES, {"action": "send_links", "_selected_action": [notes.pk]})
    reader_client.post(
        "/admin/workshops/scribe/", {"action": "send_link", "_selected_action": [lina.pk]}
    )
    assert outbox(kind="workshop_link") == []


def test_staff_set_the_notes_closing_on_the_meetings_page(editor_client, work_meeting):
    url = f"/admin/meetings/meeting/{work_meeting.pk}/change/"
    shown = fields_of(editor_client.get(url))
    assert shown["notes_closing-TOTAL_FORMS"] == "0"
    changed = editor_client.post(
        url,
        {**shown, "notes_closing-TOTAL_FORMS": "1", "notes_closing-0-days_after": "7"},
    )
    assert changed.status_code == 302
    assert NotesClosing.objects.get(meeting=work_meeting).days_after == 7


def test_a_meeting_posted_without_the_closing_part_keeps_it(editor_client, work_meeting):
    NotesClosing.objects.create(meeting=work_meeting, days_after=5)
    url = f"/admin/meetings/meeting/{work_meeting.pk}/change/"
    shown = fields_of(editor_client.get(url))
    shown = {k: v for k, v in shown.items() if not k.startswith("notes_closing")}
    assert editor_client.post(url, shown).status_code == 302
    assert NotesClosing.objects.get(meeting=work_meeting).days_after == 5


def test_the_command_prints_a_link_that_opens_the_notes(lina, oskar):
    out = StringIO()
    call_command("workshop_link", "lina", stdout=out)
    text = out.getvalue()
    assert "Lina Skrivare" in text and "Oskar" not in text
    path = text[text.index("/anteckningar/") :].split()[0]
    assert Client().get(path).status_code == 200
    again = StringIO()
    call_command("workshop_link", "lina", stdout=again)
    assert path in again.getvalue()  # the same link each time: nothing is renewed
    assert outbox() == []


def test_the_command_says_when_no_scribe_has_that_name(lina):
    with pytest.raises(CommandError, match="No scribe named like"):
        call_command("workshop_link", "nobody", stdout=StringIO())


def test_a_scribes_save_and_stafs_correction_meet_as_two_scribes_do(editor_client, lina, notes):
    path = link(lina)
    client = Client()
    client.post(path, fresh(token_of(path), entries=[{"name": "Forumet", "kind": "forum"}]))
    scribes_page = client.get(path)
    shown = fields_of(editor_client.get(change_url(notes)))
    [name_field] = [k for k, v in shown.items() if v == "Forumet"]
    editor_client.post(change_url(notes), {**shown, name_field: "Forumet (rättat)"})
    # The scribe's stale page changes only the description: staff's name stays.
    client.post(path, as_shown(scribes_page, **{"e-0-description": "Möts varje månad"}))
    entry = NoteEntry.objects.get()
    assert (entry.name, entry.description) == ("Forumet (rättat)", "Möts varje månad")


def test_notes_are_made_for_a_focus_challenge_of_the_meetings_cycle_only(
    editor_client, work_meeting
):
    from arshjul.models import Challenge

    elsewhere = Challenge.objects.create(name="en utmaning i ett annat år")
    data = {
        "meeting": work_meeting.pk,
        "challenge": elsewhere.pk,
        **{
            f"{p}-{k}": "0"
            for p in ("entries", "reflections")
            for k in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    refused = editor_client.post(f"{NOTES}add/", data)
    assert refused.status_code == 200
    assert "Välj en av fokusutmaningarna" in refused.content.decode()
    assert not work_meeting.workshop_notes.exists()


MEETINGS = "/admin/meetings/meeting/"


def make_notes(client, *meetings):
    return client.post(
        MEETINGS,
        {"action": "make_workshop_notes", "_selected_action": [m.pk for m in meetings]},
        follow=True,
    )


def test_an_editor_makes_every_groups_notes_of_the_work_meeting_at_once(
    editor_client, work_meeting, challenges, notes
):
    page = make_notes(editor_client, work_meeting).content.decode()

    made = Notes.objects.filter(meeting=work_meeting)
    assert sorted(n.challenge_id for n in made) == sorted(c.pk for c in challenges)
    assert re.search(rf"{len(challenges) - 1} grupp(s|ers) anteckningar skapade", page)
    # Again: nothing more, and the notes already written are the same notes.
    make_notes(editor_client, work_meeting)
    assert Notes.objects.filter(meeting=work_meeting).count() == len(challenges)
    assert Notes.objects.filter(pk=notes.pk).exists()


def test_a_meeting_without_workshop_groups_gets_no_notes_and_says_why(editor_client, cycle):
    direction = cycle.meetings.exclude(has_workshop_groups=True).first()

    page = make_notes(editor_client, direction).content.decode()

    assert not Notes.objects.filter(meeting=direction).exists()
    assert "har inga workshopgrupper" in page


def test_a_reader_makes_no_notes(reader_client, work_meeting):
    make_notes(reader_client, work_meeting)
    assert not Notes.objects.filter(meeting=work_meeting).exists()
