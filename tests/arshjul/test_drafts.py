"""The three-way comparison behind every versioned draft (arshjul.lib.drafts): what the page
showed, what the person posted, what is saved now."""

import pytest

from arshjul.lib.drafts import Edit, Outcome, Saved, Shown, decide, plan

ANNA = Saved("Annas", version=2, saved_by="Anna")


@pytest.mark.parametrize(
    ("mine", "shown", "saved", "outcome"),
    [
        # Left as the page showed it: never an edit, whatever was saved meanwhile.
        ("", Shown("", 0), ANNA, Outcome.UNTOUCHED),
        ("Gammalt", Shown("Gammalt", 1), ANNA, Outcome.UNTOUCHED),
        # Changed, and nobody else did.
        ("Mitt", Shown("Annas", 2), ANNA, Outcome.SAVE),
        ("Mitt", Shown("", 0), Saved(), Outcome.SAVE),
        # Someone changed it and changed it back: what the page showed is what is saved.
        ("Mitt", Shown("Annas", 1), ANNA, Outcome.SAVE),
        # Both wrote the same.
        ("Annas", Shown("", 0), ANNA, Outcome.SAME),
        # Both changed it, differently.
        ("Mitt", Shown("", 0), ANNA, Outcome.CONFLICT),
        # A page that did not say what it showed: only the version tells, doubt is a conflict.
        ("Mitt", Shown(None, 2), ANNA, Outcome.SAVE),
        ("Mitt", Shown(None, 1), ANNA, Outcome.CONFLICT),
        # A browser posts line breaks as \r\n; the page showed \n.
        ("rad ett\r\nrad två", Shown("rad ett\nrad två", 1), ANNA, Outcome.UNTOUCHED),
    ],
)
def test_each_field_is_decided_by_what_the_page_showed(mine, shown, saved, outcome):
    assert decide(Edit(mine, shown), saved)[0] is outcome


def test_a_row_merges_what_each_person_changed_and_conflicts_only_on_a_key_both_changed():
    shown = {"name": "Forumet", "description": ""}
    saved = Saved({"name": "Forumet", "description": "Varje månad"}, version=2)
    outcome, merged = decide(
        Edit({"name": "Kompetensforumet", "description": ""}, Shown(shown, 1)), saved
    )
    assert outcome is Outcome.SAVE
    assert merged == {"name": "Kompetensforumet", "description": "Varje månad"}
    both = Edit({"name": "Forumet", "description": "Varje vecka"}, Shown(shown, 1))
    assert decide(both, saved)[0] is Outcome.CONFLICT


def test_a_plan_writes_only_the_changed_fields_and_lists_the_conflicts():
    result = plan(
        {
            "a": Edit("nytt", Shown("", 0)),
            "b": Edit("", Shown("", 0)),
            "c": Edit("x", Shown("", 0)),
        },
        {"b": ANNA, "c": ANNA},
    )
    assert result.writes == {"a": "nytt"}
    assert [c.key for c in result.conflicts] == ["c"]
    assert result.settled == {"a"}
