"""Each gap rule on a fixture whose answer is known: Kil and Eda (municipalities) and
Föreningsalliansen (civil society) take part; an indicator on skills falls though it
should rise."""

from situation import gaps, selectors

from .helpers import answer, note


def facts_of(cycle, challenge):
    return next(f for f in selectors.facts(cycle) if f.challenge_id == challenge.pk)


def codes(found):
    return [gap["rule"] for gap in found]


def test_an_indicator_going_the_wrong_way_with_few_initiatives_is_a_gap(
    cycle, skills, material, kil, owner, falling
):
    answer(material, kil, skills, ("initiative", "Kompetenslyftet"))
    found = gaps.g1_indicator_wrong_way(facts_of(cycle, skills))
    assert len(found) == 1
    assert "Andel förvärvsarbetande" in found[0]["text"] and "1 initiativ" in found[0]["text"]


def test_an_indicator_going_the_wrong_way_with_many_initiatives_is_no_gap(
    cycle, skills, material, kil, owner, falling
):
    answer(material, kil, skills, *[("initiative", f"Initiativ {n}") for n in range(3)])
    assert gaps.g1_indicator_wrong_way(facts_of(cycle, skills)) == []


def test_an_indicator_going_the_wrong_way_with_no_initiative_says_so(cycle, skills, falling, owner):
    found = gaps.g1_indicator_wrong_way(facts_of(cycle, skills))
    assert "inget initiativ" in found[0]["text"]


def test_a_category_taking_part_with_nothing_on_the_challenge_is_a_gap(
    cycle, skills, material, kil, owner, outsider, society
):
    answer(material, kil, skills, ("network", "HR-nätverket"))
    found = gaps.g2_category_absent(facts_of(cycle, skills))
    assert [g["category"] for g in found] == ["civil_society"]
    assert "Idéburen sektor" in found[0]["text"]


def test_a_category_the_workshop_names_is_not_absent(
    cycle, skills, material, kil, owner, society, work_meeting
):
    answer(material, kil, skills, ("network", "HR-nätverket"))
    note(work_meeting, skills, "initiative", "Läxhjälp", society)
    assert gaps.g2_category_absent(facts_of(cycle, skills)) == []


def test_a_structure_several_want_and_nobody_has_is_a_gap(
    cycle, skills, material, kil, eda, owner, outsider, society
):
    answer(material, kil, skills, create="Gemensam praktikportal\nEtt valideringscentrum")
    answer(material, eda, skills, create="- gemensam praktikportal")
    answer(material, society, skills, ("forum", "Valideringscentrum"), create="")
    found = gaps.g3_structure_nobody_has(facts_of(cycle, skills))
    assert len(found) == 1
    assert "gemensam praktikportal" in found[0]["text"].lower()
    assert "Eda kommun, Kils kommun" in found[0]["text"]


def test_a_structure_somebody_reports_having_is_no_gap(
    cycle, skills, material, kil, eda, owner, outsider, society
):
    answer(material, kil, skills, create="Gemensam praktikportal")
    answer(material, eda, skills, create="Gemensam praktikportal")
    answer(material, society, skills, ("other", "Gemensamma praktikportalen"))
    # "praktikportalen" is not among the word forms the matching knows: staff merge it.
    from situation import matching

    matching.name_merge(name="Gemensamma praktikportalen", into="Gemensam praktikportal")
    assert gaps.g3_structure_nobody_has(facts_of(cycle, skills)) == []


def test_the_workshops_gaps_are_gaps(cycle, skills, kil, work_meeting):
    note(work_meeting, skills, "gap", "Ingen tar ansvar för nyanlända akademiker", kil)
    note(work_meeting, skills, "idea", "Inte ett glapp")
    found = gaps.g4_workshop_gaps(facts_of(cycle, skills))
    assert codes(found) == ["G4"] and "nyanlända akademiker" in found[0]["text"]


def test_drafts_are_not_counted(cycle, skills, material, kil, owner, outsider):
    answer(material, kil, skills, ("initiative", "Utkast"), status="draft")
    assert facts_of(cycle, skills).entries == []


def test_every_rule_is_explained_in_words():
    rules = gaps.rules_in_words()
    assert [r["rule"] for r in rules] == ["G1", "G2", "G3", "G4"]
    assert "2 initiativ" in rules[0]["explanation"]
