"""Each rule for where organisations can join forces, on a fixture whose answer is known,
with the coordinators to contact."""

from situation import matches, selectors

from .helpers import answer, note


def facts_of(cycle, challenge):
    return next(f for f in selectors.facts(cycle) if f.challenge_id == challenge.pk)


def test_organisations_naming_one_network_differently_are_a_match_with_their_contacts(
    cycle, skills, material, kil, eda, owner, outsider, society
):
    answer(material, kil, skills, ("network", "Region Värmlands kompetensnätverk"))
    answer(material, eda, skills, ("network", "RV Kompetensnätverket"))
    answer(material, society, skills, ("network", "Klimatnätverk Region Värmland"))
    found = matches.m1_same_network(facts_of(cycle, skills))
    assert len(found) == 1
    assert [o["name"] for o in found[0]["organisations"]] == ["Eda kommun", "Kils kommun"]
    contacts = [c for o in found[0]["organisations"] for c in o["contacts"]]
    assert {"name": "Anna Samordnare", "email": "anna@kil.example.org"} in contacts
    assert {"name": "Erik Utomstående", "email": "erik@eda.example.org"} in contacts


def test_one_organisation_naming_a_network_twice_is_no_match(cycle, skills, material, kil, owner):
    answer(material, kil, skills, ("network", "HR-nätverket"), ("forum", "HR nätverk"))
    assert matches.m1_same_network(facts_of(cycle, skills)) == []


def test_organisations_with_initiatives_on_the_challenge_are_a_match(
    cycle, skills, material, kil, eda, owner, outsider, society
):
    answer(material, kil, skills, ("initiative", "Kompetenslyftet"))
    answer(material, eda, skills, ("initiative", "Yrkesvux"))
    answer(material, society, skills, ("decision", "Beslut om praktik"))
    found = matches.m2_same_type(facts_of(cycle, skills))
    assert [(m["what"], len(m["organisations"])) for m in found] == [("Initiativ", 2)]
    assert "Kompetenslyftet" in found[0]["text"] and "Yrkesvux" in found[0]["text"]


def test_the_workshops_ideas_are_matches_with_the_organisations_named(
    cycle, skills, kil, society, owner, work_meeting
):
    note(work_meeting, skills, "idea", "Gemensam mentorbank", kil, society, description="Mentorer")
    found = matches.m3_workshop_ideas(facts_of(cycle, skills))
    assert found[0]["what"] == "Gemensam mentorbank"
    assert [o["name"] for o in found[0]["organisations"]] == ["Föreningsalliansen", "Kils kommun"]
    assert found[0]["organisations"][0]["contacts"][0]["email"] == "sara@forening.example.org"
