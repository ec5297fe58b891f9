"""Names of networks and forums matched as people mean them: the same network written three
ways is one; two networks that share a word are two; staff merge and split."""

import pytest

from situation import matching

SAME = [
    "Region Värmlands kompetensnätverk",
    "RV Kompetensnätverket",
    "kompetensnätverk – REGION värmland",
]


def test_the_same_network_written_three_ways_is_one_group():
    groups = matching.group_names(SAME, {})
    assert len(groups) == 1
    assert sorted(next(iter(groups.values())).names) == sorted(SAME)


def test_two_networks_sharing_words_are_two_groups():
    groups = matching.group_names(
        ["Kompetensnätverk Region Värmland", "Klimatnätverk Region Värmland"], {}
    )
    assert len(groups) == 2


@pytest.mark.parametrize(
    "one, other",
    [
        ("Skola & Arbetsliv", "skola och arbetsliv"),
        ("Teknikcollege-Värmland", "Teknikcollege Värmland"),
        ("Nätverket för HR-chefer i kommunerna", "HR chefer nätverk kommuner"),
        ("Forumet för  integration", "Integration forum"),
    ],
)
def test_case_spacing_hyphens_and_word_forms_do_not_tell_names_apart(one, other):
    assert matching.key(one) == matching.key(other)


def test_the_rules_are_kept_short_and_readable():
    assert len(matching.ABBREVIATIONS) + len(matching.ENDINGS) + len(matching.WORDS) < 40


def test_staff_merge_a_name_into_another_group_and_split_one_out(db, editor):
    matching.name_merge(name="Kompetensrådet", into="RV Kompetensnätverket", user=editor)
    groups = matching.group_names([*SAME, "Kompetensrådet"])
    assert len(groups) == 1

    matching.name_split(name="RV Kompetensnätverket", user=editor)
    groups = matching.group_names([*SAME, "Kompetensrådet"])
    assert sorted(len(g.names) for g in groups.values()) == [1, 3]

    matching.name_choice_undo(name="RV Kompetensnätverket")
    assert len(matching.group_names([*SAME, "Kompetensrådet"])) == 1
