"""Staff see the names of networks and forums as they are matched, and an editor merges a
name into another group or splits it out; a Läsare sees and cannot post; nobody else sees."""

import pytest

from situation.models import NameChoice
from tests.helpers import CAST, refused_by_the_admin

from .helpers import answer

NAMES = "/admin/situation/namechoice/"


@pytest.fixture
def named(cycle, skills, material, kil, eda, society):
    answer(material, kil, skills, ("network", "Region Värmlands kompetensnätverk"))
    answer(material, eda, skills, ("network", "RV Kompetensnätverket"))
    answer(material, society, skills, ("forum", "Kompetensrådet"))


@pytest.mark.parametrize("role", CAST)
def test_staff_see_the_groups_of_names_with_who_wrote_them(cast, role, named):
    page = cast[role].get(NAMES)
    if role in {"anonymous", "owner", "outsider"}:
        assert refused_by_the_admin(page, role)
        return
    text = page.content.decode()
    assert page.status_code == 200
    assert "RV Kompetensnätverket" in text and "(Eda kommun)" in text
    assert ("Slå ihop med" in text) == (role == "editor")


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_merges_and_splits(cast, role, named):
    merged = cast[role].post(
        NAMES, {"name": "Kompetensrådet", "what": "merge", "into": "RV Kompetensnätverket"}
    )
    split = cast[role].post(NAMES, {"name": "RV Kompetensnätverket", "what": "split"})
    if role == "editor":
        assert merged.status_code == 302 and split.status_code == 302
        assert dict(NameChoice.objects.values_list("written", "group")) == {
            "kompetensrådet": "kompetensnätverk region värmland",
            "rv kompetensnätverket": "=rv kompetensnätverket",
        }
    else:
        assert refused_by_the_admin(merged, role) and refused_by_the_admin(split, role)
        assert not NameChoice.objects.exists()


def test_a_merge_without_a_group_says_what_is_missing(editor_client, named):
    page = editor_client.post(NAMES, {"name": "Kompetensrådet", "what": "merge", "into": ""})
    assert page.status_code == 200 and "Välj gruppen" in page.content.decode()
    assert not NameChoice.objects.exists()


def test_the_merged_name_shows_in_its_new_group(editor_client, named):
    editor_client.post(
        NAMES, {"name": "Kompetensrådet", "what": "merge", "into": "RV Kompetensnätverket"}
    )
    text = editor_client.get(NAMES).content.decode()
    assert "3 organisationer" not in text  # one row per group, the count in its cell
    assert text.count('<th scope="row">') == 1
