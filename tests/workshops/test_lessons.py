"""The public page "Lärdomar från arbetsmötet": per challenge what staff chose to share of
the groups' notes — the organisations' words, never a scribe's or anyone's name — with an
empty state in words, linked from the cycle's page once there is something to read."""

import pytest
from django.test import Client
from django.utils import timezone

from arshjul.models import Organisation
from workshops.models import NoteEntry, NoteReflection

LESSONS = "/arshjul/2027/lardomar/"


def entry_of(notes, name, *, shared, kind="network", organisations=(), saved_by="Lina Skrivare"):
    entry = NoteEntry.objects.create(
        notes=notes,
        kind=kind,
        name=name,
        organisation_names=", ".join(sorted(o.name for o in organisations)),
        saved_at=timezone.now(),
        saved_by=saved_by,
        shared=shared,
    )
    entry.organisations.set(organisations)
    return entry


def test_nothing_shared_yet_says_so_in_words(notes, lina):
    entry_of(notes, "Ett nätverk som inte delas", shared=False)
    page = Client().get(LESSONS)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Inget från arbetsmötets grupper har delats ännu" in html
    assert "Ett nätverk som inte delas" not in html


def test_only_what_staff_shared_is_shown_per_challenge_without_any_persons_name(
    notes, lina, oskar, kil, eda
):
    entry_of(notes, "Gränsnätverket", shared=True, organisations=[kil, eda])
    entry_of(notes, "Internt utkast", shared=False)
    entry_of(notes, "Kil och Eda: jobbtorg", kind="idea", shared=True, saved_by="Oskar Antecknare")
    NoteReflection.objects.create(
        notes=notes,
        kind="hard",
        text="Att nå de unga",
        saved_at=timezone.now(),
        saved_by="Lina Skrivare",
        shared=True,
    )
    NoteReflection.objects.create(
        notes=notes, kind="keep", text="Hemligt", saved_at=timezone.now(), shared=False
    )
    html = Client().get(LESSONS).content.decode()
    assert notes.challenge.name.capitalize() in html
    assert "Nätverk: Gränsnätverket" in html and "Eda kommun, Kils kommun" in html
    assert "Samarbetsidé: Kil och Eda: jobbtorg" in html and "Att nå de unga" in html
    assert "Internt utkast" not in html and "Hemligt" not in html
    for name in ["Lina Skrivare", "Oskar Antecknare", "Lina", "Oskar"]:
        assert name not in html


def test_an_organisation_deleted_later_still_reads_on_the_page(notes, kil, eda):
    entry_of(notes, "Gränsnätverket", shared=True, organisations=[kil, eda])
    Organisation.objects.filter(pk=eda.pk).delete()
    assert "Eda kommun, Kils kommun" in Client().get(LESSONS).content.decode()


def test_words_are_shown_as_text_never_as_markup(notes):
    entry = entry_of(notes, "<script>alert(1)</script>", shared=True)
    entry.description = "**fet** <img src=x onerror=alert(1)>"
    entry.save()
    html = Client().get(LESSONS).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "**fet**" in html


def test_the_page_follows_staffs_choice_at_once_through_the_page_cache(notes):
    entry = entry_of(notes, "Delas snart", shared=False)
    assert "Delas snart" not in Client().get(LESSONS).content.decode()
    entry.shared = True
    entry.save()
    assert "Delas snart" in Client().get(LESSONS).content.decode()


@pytest.mark.parametrize("path", ["/arshjul/2031/lardomar/", "/arshjul/1999/lardomar/"])
def test_a_year_without_a_published_cycle_is_not_found(cycle, path):
    assert Client().get(path).status_code == 404


def test_the_cycle_page_links_the_lessons_once_something_is_shared(notes):
    assert "/arshjul/2027/lardomar/" not in Client().get("/arshjul/2027/").content.decode()
    entry_of(notes, "Delat", shared=True)
    assert "/arshjul/2027/lardomar/" in Client().get("/arshjul/2027/").content.decode()


def test_a_post_is_not_allowed(cycle):
    assert Client().post(LESSONS, {}).status_code == 405
