"""The demo's workshop notes, as `make run` loads them: every focus challenge's group at each
cycle's work meeting with a scribe (one group with two), a gap and an idea for working
together naming organisations, networks written as the rooms wrote them; shared items on
the past cycle's lessons; a scribe's link printed by the command opens the notes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from arshjul.models import Cycle
from workshops.models import NoteEntry, Notes


@pytest.mark.parametrize("year", [2023, 2027])
def test_each_focus_challenge_has_its_groups_notes_with_a_gap_and_an_idea(demo_data, year):
    cycle = Cycle.objects.get(year=year)
    challenges = {item.challenge_id for item in cycle.cycle_challenges.all()}
    notes = Notes.objects.filter(meeting__cycle=cycle)
    assert {n.challenge_id for n in notes} == challenges
    assert sorted(n.scribes.count() for n in notes)[-1] == 2
    for item in notes:
        kinds = set(item.entries.values_list("kind", flat=True))
        assert {"gap", "idea"} <= kinds
        idea = item.entries.get(kind="idea")
        assert idea.organisations.count() >= 2 and idea.organisation_names


def test_the_rooms_name_networks_the_working_material_named_a_little_differently(demo_data):
    from working_material.models import Entry

    def key(name):
        return name.lower().replace(" ", "").replace("-", "")

    material = {key(n) for n in Entry.objects.values_list("name", flat=True)}
    rooms = NoteEntry.objects.filter(
        notes__meeting__cycle__year=2027, kind__in=["network", "forum"]
    ).values_list("name", flat=True)
    matched = [n for n in rooms if key(n) in material]
    assert len(matched) >= 3
    assert not set(matched) & set(Entry.objects.values_list("name", flat=True))


def test_the_past_cycles_lessons_show_shared_words_and_the_upcoming_says_none_yet(demo_data):
    past = Client().get("/arshjul/2023/lardomar/").content.decode()
    assert "De små företagen nås inte" in past and "Karlstads universitet" in past
    assert "Lina Berg" not in past and "Oskar Dahl" not in past
    upcoming = Client().get("/arshjul/2027/lardomar/").content.decode()
    assert "Inget från arbetsmötets grupper har delats ännu" in upcoming
    assert "/arshjul/2023/lardomar/" in Client().get("/arshjul/2023/").content.decode()


def test_the_command_prints_a_link_a_scribe_opens_and_writes_through(demo_data):
    out = StringIO()
    call_command("workshop_link", "Lina", stdout=out)
    paths = [line.strip() for line in out.getvalue().splitlines() if "/anteckningar/" in line]
    path = paths[0][paths[0].index("/anteckningar/") :]  # the upcoming cycle's first
    page = Client().get(path)
    assert page.status_code == 200 and "Du skriver som Lina Berg" in page.content.decode()
    assert 'name="r-hard"' in page.content.decode()  # open for writing
