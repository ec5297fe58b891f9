"""The matches drawn as a network: a dot per organisation, a numbered square per match, a
line from a match to each of its organisations, everything inside the drawing's box."""

from situation.network import network


def match(*names):
    return {"rule": "M1", "what": "Nätverk", "organisations": [{"name": n} for n in names]}


def test_each_organisation_is_one_dot_and_each_match_a_numbered_square_with_its_lines():
    drawing = network(
        [match("Kil", "Eda"), match("Eda", "Arvika", "En mycket lång organisation med namn")]
    )
    assert [n.full for n in drawing["organisations"]] == sorted(
        ["Arvika", "Eda", "En mycket lång organisation med namn", "Kil"]
    )
    assert [h.label for h in drawing["hubs"]] == ["1", "2"]
    assert len(drawing["edges"]) == 5
    assert all(len(n.label) <= 22 for n in drawing["organisations"])
    for node in drawing["organisations"] + drawing["hubs"]:
        assert 0 <= node.x <= drawing["width"] and 0 <= node.y <= drawing["size"]


def test_no_match_no_drawing():
    assert network([]) is None


def test_sixty_organisations_stay_inside_the_box():
    drawing = network([match(*[f"Organisation {n}" for n in range(60)])])
    for node in drawing["organisations"]:
        assert 0 <= node.label_x <= drawing["width"] and 0 <= node.label_y <= drawing["size"]
