"""The answer page's rows as a coordinator uses them: an empty row is left alone, a row of
one's own is removed, saving nothing new changes nothing, a hundred rows is the most, and a
row's words that could not be saved are offered back on the next visit."""

from django.test import Client

from tests.helpers import sign_in
from tests.html import form_as_shown
from tests.working_material.helpers import entry, form
from working_material.models import Answer, Entry


def url(challenge) -> str:
    return f"/min-organisation/arbetsmaterial/{challenge.pk}/"


def test_an_empty_row_is_left_alone_and_asks_for_nothing(owner_client, challenges):
    saved = owner_client.post(
        url(challenges[0]), form(entries=[entry(name="Forumet"), entry()]), follow=True
    )
    page = saved.content.decode()
    assert "Ert svar är sparat som utkast." in page and "Det finns ett problem" not in page
    assert [e.name for e in Entry.objects.all()] == ["Forumet"]


def test_a_coordinator_removes_a_row_of_their_own(owner_client, challenges):
    owner_client.post(url(challenges[0]), form(entries=[entry(name="Forumet")]))
    saved = Entry.objects.get()
    owner_client.post(
        url(challenges[0]),
        form(entries=[{**entry(name="Forumet"), "id": saved.pk, "version": 1, "remove": "on"}]),
    )
    assert not Entry.objects.exists()
    assert 'value="Forumet"' not in owner_client.get(url(challenges[0])).content.decode()


def test_saving_the_page_unchanged_keeps_who_saved_it_last_and_when(
    frozen_now, owner_client, owner, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet")], reflections={"hard": "Ja"}))
    frozen_now(2026, 11, 28, 9)
    bo = sign_in(Client(), colleague)
    bo.post(url(first), form_as_shown(bo.get(url(first)), action="save"))
    page = bo.get(url(first)).content.decode()
    assert "Senast sparat 27 november 2026, 12:00 av Anna Samordnare." in page
    assert Answer.objects.get().last_saved_by == "Anna Samordnare"


def test_more_than_a_hundred_rows_are_refused_and_none_is_saved(owner_client, challenges):
    rows = [entry(name=f"Rad {n}") for n in range(101)]
    page = owner_client.post(url(challenges[0]), form(entries=rows)).content.decode()
    assert "Det finns ett problem" in page and "Skicka som mest 100 formulär." in page
    assert not Entry.objects.exists()


def test_a_rows_words_that_were_not_saved_are_offered_back_on_the_next_visit(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet")]))
    saved = Entry.objects.get()
    bo = sign_in(Client(), colleague)
    annas_page, bos_page = owner_client.get(url(first)), bo.get(url(first))
    owner_client.post(
        url(first), form_as_shown(annas_page, **{"e-0-name": "Annas forum"}, action="save")
    )
    clash = bo.post(url(first), form_as_shown(bos_page, **{"e-0-name": "Bos forum"}, action="save"))
    assert "Anna Samordnare ändrade det här" in clash.content.decode()
    # Bo leaves; next time, his words are offered beside the row, and put back on request.
    back = bo.get(url(first))
    assert "Bos forum" in back.content.decode()
    assert form_as_shown(back)["e-0-name"] == "Annas forum"
    put_back = bo.post(url(first), form_as_shown(back, use_unsaved=f"entry-{saved.pk}"))
    assert form_as_shown(put_back)["e-0-name"] == "Bos forum"
    assert Entry.objects.get().name == "Annas forum"  # nothing saved by putting it back
    bo.post(url(first), form_as_shown(put_back, action="save"))
    assert Entry.objects.get().name == "Bos forum"
