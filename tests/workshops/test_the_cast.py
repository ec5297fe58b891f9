"""Every view of the workshop notes, got and posted by the whole cast — someone not signed
in, Kil's coordinator, Eda's coordinator, a Läsare and a Redaktör: the scribe's page opens
with its link alone (whoever holds it writes as the scribe, nobody without it), the lessons
are public, staff read the notes in the admin and only an editor changes them or sends a
link."""

import pytest
from django.test import TestCase
from django.utils import timezone

from tests.helpers import CAST, outbox, refused_by_the_admin
from tests.workshops.helpers import fields_of, fresh, link, token_of
from workshops.models import NoteEntry, NotesClosing

STAFF = {"reader", "editor"}
WORDS = "Gruppens egna ord"


@pytest.fixture
def entry(notes):
    return NoteEntry.objects.create(
        notes=notes, kind="gap", name=WORDS, saved_at=timezone.now(), shared=True
    )


@pytest.mark.parametrize("role", CAST)
def test_the_scribes_link_opens_the_notes_for_whoever_holds_it_and_only_with_it(
    cast, role, lina, entry
):
    path = link(lina)
    page = cast[role].get(path)
    assert page.status_code == 200 and WORDS in page.content.decode()
    saved = cast[role].post(path, fresh(token_of(path), reflections={"hard": f"Från {role}"}))
    assert saved.status_code == 302
    reflection = entry.notes.reflections.get()
    assert (reflection.text, reflection.saved_by) == (f"Från {role}", "Lina Skrivare")
    # Without the link, nobody opens or writes anything, signed in or not.
    assert cast[role].get("/anteckningar/").status_code == 404
    assert cast[role].post("/anteckningar/", {"action": "save", "r-hard": "x"}).status_code == 404
    assert entry.notes.reflections.get().text == f"Från {role}"


@pytest.mark.parametrize("role", CAST)
def test_the_lessons_are_public_to_everyone_and_take_no_post(cast, role, entry):
    page = cast[role].get("/arshjul/2027/lardomar/")
    assert page.status_code == 200 and WORDS in page.content.decode()
    assert cast[role].post("/arshjul/2027/lardomar/", {}).status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/admin/workshops/notes/",
        "/admin/workshops/notes/{notes}/change/",
        "/admin/workshops/scribe/",
        "/admin/workshops/scribe/{scribe}/change/",
    ],
)
@pytest.mark.parametrize("role", CAST)
def test_the_notes_and_scribes_in_the_admin_are_for_staff_only(cast, role, url, lina, entry):
    page = cast[role].get(url.format(notes=entry.notes_id, scribe=lina.pk))
    if role in STAFF:
        assert page.status_code == 200
    else:
        assert refused_by_the_admin(page, role)
        assert WORDS not in page.content.decode()


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_the_notes_in_the_admin(cast, role, entry):
    url = f"/admin/workshops/notes/{entry.notes_id}/change/"
    shown = fields_of(cast["editor"].get(url))
    [name_field] = [name for name, value in shown.items() if value == WORDS]
    changed = cast[role].post(url, {**shown, name_field: "Rättat"})
    entry.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and entry.name == "Rättat"
    else:
        assert refused_by_the_admin(changed, role) and entry.name == WORDS


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_adds_notes_in_the_admin(cast, role, work_meeting, challenges):
    added = cast[role].post(
        "/admin/workshops/notes/add/",
        {
            "meeting": work_meeting.pk,
            "challenge": challenges[1].pk,
            **{
                f"{p}-{k}": "0"
                for p in ("entries", "reflections")
                for k in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    created = work_meeting.workshop_notes.filter(challenge=challenges[1]).exists()
    if role == "editor":
        assert added.status_code == 302 and created
    else:
        assert refused_by_the_admin(added, role) and not created


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_sends_the_scribes_links(cast, role, lina, entry):
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = cast[role].post(
            "/admin/workshops/notes/",
            {"action": "send_links", "_selected_action": [entry.notes_id]},
        )
        cast[role].post(
            "/admin/workshops/scribe/", {"action": "send_link", "_selected_action": [lina.pk]}
        )
    if role == "editor":
        assert len(outbox(kind="workshop_link")) == 2
    else:
        assert outbox(kind="workshop_link") == []
        if role not in STAFF:
            assert refused_by_the_admin(sent, role)


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_sets_the_notes_closing_on_the_meeting(cast, role, work_meeting):
    url = f"/admin/meetings/meeting/{work_meeting.pk}/change/"
    shown = fields_of(cast["editor"].get(url))
    changed = cast[role].post(
        url, {**shown, "notes_closing-TOTAL_FORMS": "1", "notes_closing-0-days_after": "3"}
    )
    closing = NotesClosing.objects.filter(meeting=work_meeting).first()
    if role == "editor":
        assert changed.status_code == 302 and closing.days_after == 3
    else:
        assert refused_by_the_admin(changed, role) and closing is None
