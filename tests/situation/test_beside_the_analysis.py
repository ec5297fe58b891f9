"""The final status analysis is written with the lägesbild at hand: in the admin, each
section shows its challenge's lägesbild — its gaps and its matches with whom to contact —
beside the text."""

from indicators.models import AnalysisSection, StatusAnalysis


def test_each_section_shows_its_challenges_lagesbild_beside_the_text(
    editor_client, cycle, skills, overlaps, picture
):
    final = StatusAnalysis.objects.create(cycle=cycle, stage="final", title="Nulägesanalys")
    AnalysisSection.objects.create(analysis=final, challenge=skills, title="Kompetens")
    AnalysisSection.objects.create(analysis=final, title="Utan utmaning", position=1)
    page = editor_client.get(f"/admin/indicators/statusanalysis/{final.pk}/change/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ingen validering för vårdyrken" in text  # the workshop's gap
    assert "Gemensam mentorbank" in text and "anna@kil.example.org" in text
    assert "Som den ser ut nu (inte publicerad)." in text
    assert "Avsnittets fokusutmaning har ingen lägesbild" in text


def test_a_reader_sees_it_too(reader_client, cycle, skills, overlaps):
    final = StatusAnalysis.objects.create(cycle=cycle, stage="final", title="Nulägesanalys")
    AnalysisSection.objects.create(analysis=final, challenge=skills, title="Kompetens")
    text = reader_client.get(f"/admin/indicators/statusanalysis/{final.pk}/change/")
    assert "Ingen validering för vårdyrken" in text.content.decode()
