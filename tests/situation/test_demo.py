"""The demo as `make run` loads it: staff open the lägesbild of "Kompetensförsörjning och
matchningsproblematik" and see its indicators, what organisations do, at least one gap and
one match with the coordinators to contact; 2023's is published, the upcoming one's not."""

from situation import compile
from situation.models import Picture


def skills_of(data):
    return next(c for c in data["challenges"] if "kompetens" in c["name"])


def test_the_demos_lagesbild_on_skills_has_gaps_and_matches_with_contacts(demo_data):
    picture = Picture.objects.get(cycle__year=2027)
    assert not picture.is_published
    skills = skills_of(compile.picture(picture.cycle))
    assert skills["entries"] and skills["gaps"]
    # The network written three ways ("Kompetensnätverket – Region Värmland", "RV:s
    # kompetensnätverk", "Region Värmlands kompetensnätverk") is one match.
    network = next(
        m for m in skills["matches"] if m["rule"] == "M1" and "ompetensnätverk" in m["what"]
    )
    assert {"Kristinehamns kommun", "Paper Province", "Karlstads universitet"} <= {
        o["name"] for o in network["organisations"]
    }
    assert all(o["contacts"] for o in network["organisations"])
    assert any(g["rule"] == "G3" and "analysfunktion" in g["text"] for g in skills["gaps"])


def test_the_demos_2023_lagesbild_is_published_with_its_record(demo_data, client):
    picture = Picture.objects.get(cycle__year=2023)
    assert picture.is_published and picture.published_at.month == 3
    assert skills_of(picture.snapshot)["matches"]
    assert picture.material.meeting.kind == "direction_meeting"
    page = client.get("/arshjul/2023/lagesbild/")
    assert page.status_code == 200 and "10 mars 2023" in page.content.decode()
    assert "Lägesbild" in client.get("/arshjul/2023/").content.decode()
