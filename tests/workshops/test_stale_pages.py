"""Two scribes on one group's notes, each with a page opened before the other saved: a save
changes only what its scribe changed — texts, and each entry key by key — a true conflict
never blanks the other's words, and the words not saved are offered back."""

from django.test import Client

from tests.workshops.helpers import as_shown, fresh, link, token_of
from workshops.models import NoteEntry, NoteReflection


def texts() -> dict[str, str]:
    return dict(NoteReflection.objects.values_list("kind", "text"))


def test_two_scribes_writing_different_texts_from_stale_pages_both_keep_them(lina, oskar):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    saved = lina_client.post(linas, as_shown(linas_page, **{"r-hard": "Att nå småföretagen"}))
    assert saved.status_code == 302
    # Oskar's page was open all along: he writes only "Strukturer att skapa", and saves twice.
    for _ in range(2):
        again = oskar_client.post(oskars, as_shown(oskars_page, **{"r-create": "En ingång"}))
        assert again.status_code == 302
    assert texts() == {"hard": "Att nå småföretagen", "create": "En ingång"}
    assert NoteReflection.objects.get(kind="create").saved_by == "Oskar Antecknare"


def test_two_scribes_changing_different_parts_of_one_entry_row_both_keep_them(
    lina, oskar, kil, eda
):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    lina_client.post(
        linas,
        fresh(
            token_of(linas),
            entries=[{"kind": "network", "name": "Nätverket", "organisations": [str(kil.pk)]}],
        ),
    )
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    lina_client.post(linas, as_shown(linas_page, **{"e-0-description": "Varje kvartal"}))
    merged = oskar_client.post(
        oskars,
        as_shown(
            oskars_page,
            **{"e-0-name": "Arbetsgivarnätverket", "e-0-organisations": [str(kil.pk), str(eda.pk)]},
        ),
    )
    assert merged.status_code == 302
    entry = NoteEntry.objects.get()
    assert (entry.name, entry.description) == ("Arbetsgivarnätverket", "Varje kvartal")
    assert entry.organisation_names == "Eda kommun, Kils kommun"
    assert set(entry.organisations.all()) == {kil, eda}


def test_both_changing_the_same_text_blanks_nobody_and_offers_the_words_back(lina, oskar):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    lina_client.post(linas, as_shown(linas_page, **{"r-hard": "Linas ord"}))
    clash = oskar_client.post(oskars, as_shown(oskars_page, **{"r-hard": "Oskars ord"}))
    html = clash.content.decode()
    assert clash.status_code == 200
    assert "Lina Skrivare ändrade det här" in html and "Linas ord" in html
    assert as_shown(clash)["r-hard"] == "Oskars ord"  # his words stay in the field
    assert texts() == {"hard": "Linas ord"}
    # Oskar leaves without saving; next time his words are offered beside Lina's.
    back = oskar_client.get(oskars)
    assert "Oskars ord" in back.content.decode() and as_shown(back)["r-hard"] == "Linas ord"
    put_back = oskar_client.post(oskars, as_shown(back, use_unsaved="hard"))
    assert as_shown(put_back)["r-hard"] == "Oskars ord"
    oskar_client.post(oskars, as_shown(put_back))
    assert texts() == {"hard": "Oskars ord"}


def test_both_changing_the_same_key_of_a_row_keeps_the_saved_words_and_tells(lina, oskar):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    lina_client.post(linas, fresh(token_of(linas), entries=[{"kind": "gap", "name": "Glappet"}]))
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    lina_client.post(linas, as_shown(linas_page, **{"e-0-name": "Små företag nås inte"}))
    told = oskar_client.post(oskars, as_shown(oskars_page, **{"e-0-name": "Inga unga i rummet"}))
    html = told.content.decode()
    assert "Glapp: Små företag nås inte" in html and "Inga unga i rummet" in html
    assert NoteEntry.objects.get().name == "Små företag nås inte"


def test_a_row_removed_meanwhile_is_not_brought_back_by_a_stale_page(lina, oskar):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    lina_client.post(
        linas, fresh(token_of(linas), entries=[{"name": "Forumet"}, {"name": "Nätverket"}])
    )
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    lina_client.post(linas, as_shown(linas_page, **{"e-0-remove": "on"}))
    stale = oskar_client.post(oskars, as_shown(oskars_page, **{"r-keep": "Samverkan"}))
    assert stale.status_code == 302
    assert list(NoteEntry.objects.values_list("name", flat=True)) == ["Nätverket"]
    assert texts() == {"keep": "Samverkan"}


def test_a_rows_words_not_saved_are_offered_on_the_next_visit_and_put_back(lina, oskar):
    linas, oskars = link(lina), link(oskar)
    lina_client, oskar_client = Client(), Client()
    lina_client.post(linas, fresh(token_of(linas), entries=[{"kind": "idea", "name": "Idén"}]))
    linas_page, oskars_page = lina_client.get(linas), oskar_client.get(oskars)
    lina_client.post(linas, as_shown(linas_page, **{"e-0-name": "Linas idé"}))
    oskar_client.post(oskars, as_shown(oskars_page, **{"e-0-name": "Oskars idé"}))
    entry = NoteEntry.objects.get()
    back = oskar_client.get(oskars)
    assert "Samarbetsidé: Oskars idé" in back.content.decode()
    assert as_shown(back)["e-0-name"] == "Linas idé"
    put_back = oskar_client.post(oskars, as_shown(back, use_unsaved=f"entry-{entry.pk}"))
    assert as_shown(put_back)["e-0-name"] == "Oskars idé"
    oskar_client.post(oskars, as_shown(put_back))
    entry.refresh_from_db()
    assert (entry.name, entry.saved_by) == ("Oskars idé", "Oskar Antecknare")
