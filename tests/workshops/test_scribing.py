"""A scribe's page through their personal link: what the room added and the reflections,
saved with the organisations' names; a tampered or unknown link opens nothing; after the
notes close the page reads only and says whom to write to; text is shown as written."""

import pytest
from django.test import Client

from arshjul.models import Organisation
from tests.workshops.helpers import as_shown, fresh, link, token_of
from workshops.models import NoteEntry, NoteReflection, NotesClosing


def test_a_scribes_link_opens_the_groups_notes_without_an_account(lina, challenges):
    page = Client().get(link(lina))
    html = page.content.decode()
    assert page.status_code == 200
    assert challenges[0].name.capitalize() in html and "Du skriver som Lina Skrivare" in html
    assert page["Referrer-Policy"] == "origin" and "no-cache" in page["Cache-Control"]


def test_an_entry_is_saved_with_the_organisations_it_names_and_their_names(lina, kil, eda):
    path = link(lina)
    row = {
        "kind": "idea",
        "name": "Kil och Eda: ett gemensamt jobbtorg",
        "organisations": [str(kil.pk), str(eda.pk)],
    }
    saved = Client().post(path, fresh(token_of(path), entries=[row]))
    assert saved.status_code == 302 and saved["Location"].endswith("#saved")
    entry = NoteEntry.objects.get()
    assert entry.get_kind_display() == "Samarbetsidé"
    assert entry.organisation_names == "Eda kommun, Kils kommun"
    assert entry.saved_by == "Lina Skrivare" and entry.notes.last_saved_by == "Lina Skrivare"


def test_an_organisation_deleted_later_still_reads_in_the_entry(lina, kil, eda):
    path = link(lina)
    row = {"kind": "network", "name": "Gränsnätverket", "organisations": [str(kil.pk), str(eda.pk)]}
    client = Client()
    client.post(path, fresh(token_of(path), entries=[row]))
    Organisation.objects.filter(pk=eda.pk).delete()
    entry = NoteEntry.objects.get()
    assert entry.organisation_names == "Eda kommun, Kils kommun"
    assert list(entry.organisations.all()) == [kil]
    # A scribe changing only the description keeps the names as they were.
    client.post(path, as_shown(client.get(path), **{"e-0-description": "Möts varje månad"}))
    entry.refresh_from_db()
    assert (entry.description, entry.organisation_names) == (
        "Möts varje månad",
        "Eda kommun, Kils kommun",
    )


def test_a_row_needs_a_name_and_a_type_and_keeps_what_was_typed(lina):
    path = link(lina)
    page = Client().post(
        path, fresh(token_of(path), entries=[{"kind": "", "description": "Bara text"}])
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Det finns ett problem" in html
    assert "Bara text" in html and not NoteEntry.objects.exists()


def test_adding_a_row_keeps_everything_typed_and_saves_nothing(lina):
    path = link(lina)
    client = Client()
    more = client.post(
        path, as_shown(client.get(path), **{"e-0-name": "Ett namn", "action": "more"})
    )
    assert as_shown(more)["e-0-name"] == "Ett namn" and "e-1-name" in as_shown(more)
    assert not NoteEntry.objects.exists()


@pytest.mark.parametrize(
    "query", ["", "?nyckel=", "?nyckel=ogiltig", "?nyckel=" + "A" * 65, "?nyckel=%00"]
)
def test_a_missing_or_unknown_token_opens_nothing(lina, query):
    link(lina)
    assert Client().get("/anteckningar/" + query).status_code == 404
    assert Client().post("/anteckningar/" + query, {"action": "save"}).status_code == 404


def test_a_tampered_token_opens_nothing_and_a_renewed_link_replaces_the_old(lina):
    from workshops import services

    path = link(lina)
    token = token_of(path)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(f"/anteckningar/?nyckel={tampered}").status_code == 404
    services.link_send(scribe=lina, renew=True)
    assert Client().get(path).status_code == 404


def test_text_is_shown_as_written_never_as_markup(lina, work_meeting, frozen_now):
    path = link(lina)
    words = "<script>alert(1)</script> **fet** <b>html</b>"
    Client().post(
        path,
        fresh(
            token_of(path),
            entries=[{"name": "<b>Namn</b>", "description": words}],
            reflections={"hard": words},
        ),
    )
    html = Client().get(path).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>html</b>" not in html
    assert "&lt;script&gt;" in html
    frozen_now(2027, 2, 1, 12)  # closed: the words read as text too
    html = Client().get(path).content.decode()
    assert "<b>Namn</b>" not in html and "&lt;b&gt;Namn&lt;/b&gt;" in html
    assert "**fet**" in html and "<strong>fet</strong>" not in html


def test_after_the_notes_close_the_page_reads_only_and_says_whom_to_write_to(lina, frozen_now):
    path = link(lina)
    Client().post(path, fresh(token_of(path), reflections={"hard": "Det svåra"}))
    frozen_now(2027, 1, 28, 0, 0, 1)  # the day after 27 January, the 14th day after the meeting
    page = Client().get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Anteckningarna stängde 27 januari" in html and "maria.lindgren@example.org" in html
    assert "Det svåra" in html and 'name="r-hard"' not in html and "Spara" not in html
    refused = Client().post(path, fresh(token_of(path), reflections={"hard": "Sent"}))
    assert refused.status_code == 200
    assert "Anteckningarna stängde 27 januari" in refused.content.decode()
    assert NoteReflection.objects.get().text == "Det svåra"


def test_the_last_second_of_the_closing_day_still_saves(lina, frozen_now):
    path = link(lina)
    frozen_now(2027, 1, 27, 23, 59, 59)
    saved = Client().post(path, fresh(token_of(path), reflections={"hard": "I sista stund"}))
    assert saved.status_code == 302 and NoteReflection.objects.get().text == "I sista stund"


def test_staff_set_how_long_the_notes_stay_open(lina, work_meeting, frozen_now):
    NotesClosing.objects.create(meeting=work_meeting, days_after=3)
    path = link(lina)
    frozen_now(2027, 1, 17, 9)
    html = Client().get(path).content.decode()
    assert "Anteckningarna stängde 16 januari" in html


def test_without_a_meeting_contact_the_page_names_the_regions(lina, work_meeting, frozen_now):
    work_meeting.contact_email = ""
    work_meeting.save()
    frozen_now(2027, 2, 1, 12)
    html = Client().get(link(lina)).content.decode()
    assert "Anteckningarna stängde 27 januari" in html
    assert "kontakta regionen" in html or "skriv till" in html
