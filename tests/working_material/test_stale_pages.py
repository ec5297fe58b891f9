"""Two coordinators of one organisation on one challenge, each with a page opened before the
other saved: a save changes only what its coordinator changed — texts, and each entry key by
key — a true conflict is told, and a row someone removed is not brought back by a stale page."""

from django.test import Client

from tests.helpers import sign_in
from tests.html import form_as_shown
from tests.working_material.helpers import entry, form
from working_material.models import Entry, Reflection


def url(challenge) -> str:
    return f"/min-organisation/arbetsmaterial/{challenge.pk}/"


def texts() -> dict[str, str]:
    return dict(Reflection.objects.values_list("kind", "text"))


def test_two_coordinators_writing_different_texts_from_stale_pages_both_keep_them(
    owner_client, colleague, challenges
):
    first = challenges[0]
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(
        url(first), form_as_shown(annas_page, **{"r-hard": "Att nå alla"}, action="save")
    )
    # Bo's page was open all along: he writes only "Strukturer att skapa", and saves twice.
    for _ in range(2):
        saved = bo.post(
            url(first), form_as_shown(bos_page, **{"r-create": "Ett nätverk"}, action="save")
        )
        assert saved.status_code == 302
    assert texts() == {"hard": "Att nå alla", "create": "Ett nätverk"}


def test_two_coordinators_changing_different_parts_of_one_entry_both_keep_them(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet", kind="forum")]))
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(
        url(first), form_as_shown(annas_page, **{"e-0-description": "Varje månad"}, action="save")
    )
    merged = bo.post(
        url(first), form_as_shown(bos_page, **{"e-0-name": "Kompetensforumet"}, action="save")
    )
    assert merged.status_code == 302
    saved = Entry.objects.get()
    assert (saved.name, saved.description) == ("Kompetensforumet", "Varje månad")


def test_removing_an_entry_someone_else_just_changed_is_told_not_done(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet", kind="forum")]))
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(
        url(first), form_as_shown(annas_page, **{"e-0-name": "Forumet 2027"}, action="save")
    )
    told = bo.post(url(first), form_as_shown(bos_page, **{"e-0-remove": "on"}, action="save"))
    assert "Anna Samordnare ändrade det här" in told.content.decode()
    assert "Forum: Forumet 2027" in told.content.decode()
    assert Entry.objects.get().name == "Forumet 2027"


def test_a_row_removed_meanwhile_is_not_brought_back_by_a_stale_page(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet"), entry(name="Nätverket")]))
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(url(first), form_as_shown(annas_page, **{"e-0-remove": "on"}, action="save"))
    stale = bo.post(url(first), form_as_shown(bos_page, **{"r-keep": "Samverkan"}, action="save"))
    assert stale.status_code == 302  # nothing to tell: Bo never touched the row
    assert list(Entry.objects.values_list("name", flat=True)) == ["Nätverket"]
    assert texts() == {"keep": "Samverkan"}


def test_texts_not_saved_because_of_a_conflict_are_offered_on_the_next_visit(
    owner_client, colleague, challenges
):
    first = challenges[0]
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(
        url(first), form_as_shown(annas_page, **{"r-hard": "Annas ord"}, action="save")
    )
    clash = bo.post(url(first), form_as_shown(bos_page, **{"r-hard": "Bos ord"}, action="save"))
    assert clash.status_code == 200
    # Bo leaves without saving again; next time his words are offered, beside Anna's.
    back = bo.get(url(first))
    assert "Det här hade du skrivit, men det sparades inte" in back.content.decode()
    assert "Bos ord" in back.content.decode()
    assert form_as_shown(back)["r-hard"] == "Annas ord"
    put_back = bo.post(url(first), form_as_shown(back, use_unsaved="hard"))
    assert form_as_shown(put_back)["r-hard"] == "Bos ord"
    bo.post(url(first), form_as_shown(put_back, action="save"))
    assert texts() == {"hard": "Bos ord"}
