"""Documents that don't change behind their readers: a published analysis's PDF always says
what its page says, and a final analysis is a record that keeps the values it showed."""

import datetime
import importlib
import io
import re
from decimal import Decimal
from io import StringIO

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from indicators.models import IndicatorValue, StatusAnalysis
from tests.helpers import pango_available, require
from tests.indicators.helpers import analysis_form, publish, section_field, values

IMPORT = "/admin/indicators/indicatorvalue/import/"


@pytest.fixture(autouse=True)
def pdfs_can_be_made(private_files):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")


def pdf_text(visitor, year=2027) -> str:
    """The words of the analysis's PDF as a reader downloads it (the PDF, never the page that
    says it is being made)."""
    download = visitor.get(f"/arshjul/{year}/nulagesanalys.pdf")
    assert download["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page(visitor, url) -> str:
    """A page's HTML with non-breaking spaces read as spaces (as a reader sees them)."""
    return visitor.get(url).content.decode().replace("\xa0", " ")


def edit(client, analysis, *, run_jobs=True, form=None, **changes):
    """Change the analysis in the admin as staff do: the form as shown, some fields changed."""
    form = form or analysis_form(client, analysis, **changes)
    url = f"/admin/indicators/statusanalysis/{analysis.pk}/change/"
    with TestCase.captureOnCommitCallbacks(execute=run_jobs):
        saved = client.post(url, form, follow=True)
    assert saved.status_code == 200 and "errornote" not in saved.content.decode()
    return saved


def import_values(client, rows: str):
    """New values through the admin's import: the preview, then the import."""
    content = ("Indikator;År;Geografi;Värde\n" + rows).encode()
    preview = client.post(IMPORT, {"file": SimpleUploadedFile("varden.csv", content)})
    signed = preview.content.decode().split('name="signed" value="')[1].split('"')[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(IMPORT, {"signed": signed}, follow=True)
    assert re.search(r"\d+ värden? är importera(t|de)\.", done.content.decode())


def test_editing_a_published_analysis_makes_its_pdf_anew_with_the_new_words(
    analysis, visitor, editor_client, frozen_now
):
    publish(editor_client, analysis)
    assert "Fler arbetar än förr." in pdf_text(visitor)
    frozen_now(2026, 12, 3, 10)
    saved = edit(editor_client, analysis, introduction="Läget har ändrats sedan november.")
    assert "PDF:en görs om" in saved.content.decode()
    shown = page(visitor, "/arshjul/2027/nulagesanalys/")
    assert "Läget har ändrats sedan november." in shown
    assert "Senast ändrad 3 december 2026." in shown
    text = pdf_text(visitor)
    assert "Läget har ändrats sedan november." in text
    assert "Senast ändrad 3 december 2026." in text
    assert "Så här ser det ut" not in text


def test_editing_a_section_makes_the_pdf_anew_too(analysis, visitor, editor_client):
    publish(editor_client, analysis)
    pdf_text(visitor)
    form = analysis_form(editor_client, analysis)
    section = analysis.sections.get(title="Demografi")
    form[section_field(form, section, "text")] = "Färre flyttar ut."
    edit(editor_client, analysis, form=form)
    assert "Färre flyttar ut." in pdf_text(visitor)


def test_while_the_new_pdf_is_made_the_old_file_is_not_served(analysis, visitor, editor_client):
    publish(editor_client, analysis)
    pdf_text(visitor)
    edit(editor_client, analysis, run_jobs=False, introduction="Nya ord.")
    waiting = visitor.get("/arshjul/2027/nulagesanalys.pdf")
    assert waiting["Content-Type"].startswith("text/html")
    assert "PDF:en uppdateras" in waiting.content.decode()


def test_a_preliminary_analysis_follows_the_values_in_its_page_and_its_pdf(
    analysis, visitor, editor_client
):
    publish(editor_client, analysis)
    assert "2023: 80,2 %" in pdf_text(visitor)
    import_values(editor_client, "N00914;2024;0017;81,4\n")
    assert "2024: 81,4 %" in page(visitor, "/arshjul/2027/nulagesanalys/")
    assert "2024: 81,4 %" in pdf_text(visitor)


def test_a_final_analysis_keeps_its_values_after_an_import(analysis, visitor, editor_client):
    StatusAnalysis.objects.filter(pk=analysis.pk).update(stage="final", title="Nulägesanalys 2027")
    publish(editor_client, analysis)
    import_values(editor_client, "N00914;2024;0017;81,4\nN00914;2023;0017;99,9\n")
    shown = page(visitor, "/arshjul/2027/nulagesanalys/")
    assert "80,2 %" in shown and "81,4 %" not in shown and "99,9 %" not in shown
    assert "Indikatorernas värden är de som gällde 27 november 2026" in shown
    text = pdf_text(visitor)
    assert "2023: 80,2 %" in text and "81,4" not in text and "99,9" not in text
    indicator_page = page(visitor, "/indikatorer/N00914/")
    assert "81,4 %" in indicator_page and "99,9 %" in indicator_page


def test_an_indicator_added_to_a_final_analysis_keeps_its_values_from_then(
    analysis, visitor, editor_client, enk1, places
):
    StatusAnalysis.objects.filter(pk=analysis.pk).update(stage="final", title="Nulägesanalys 2027")
    publish(editor_client, analysis)
    values(enk1, places["county"], {2025: 55.5})
    form = analysis_form(editor_client, analysis)
    form[section_field(form, analysis.sections.get(title="Klimatet"), "indicators")] = [
        str(enk1.pk)
    ]
    edit(editor_client, analysis, form=form)
    # Corrected later: the indicator's page shows the correction, the record does not.
    IndicatorValue.objects.filter(indicator=enk1).update(value=Decimal("12.0"))
    shown = page(visitor, "/arshjul/2027/nulagesanalys/")
    assert "55,5 %" in shown and "12,0 %" not in shown


def test_the_demos_final_2023_analysis_shows_the_values_of_its_time(
    db, settings, frozen_now, visitor
):
    settings.DEBUG = True
    frozen_now(2026, 11, 27, 12)
    call_command("seed_demo", stdout=StringIO())
    analysis = StatusAnalysis.objects.get(cycle__year=2023)
    years = {row["year"] for rows in analysis.values_snapshot.values() for row in rows}
    assert years and max(years) == 2022
    shown = page(visitor, "/arshjul/2023/nulagesanalys/")
    assert '<th scope="row">2022</th>' in shown
    for later in [2023, 2024, 2025]:
        assert f'<th scope="row">{later}</th>' not in shown
    # The upcoming cycle's preliminary analysis shows the latest values.
    upcoming = page(visitor, "/arshjul/2027/nulagesanalys/")
    assert '<th scope="row">2025</th>' in upcoming


def test_a_final_analysis_published_before_records_were_kept_keeps_the_values_of_its_time(
    analysis, visitor, employment, places
):
    """The migration that brings records: a final analysis published in June 2024 keeps the
    values of the years before 2024, the statistics there were then."""
    from django.apps import apps

    migration = importlib.import_module("indicators.migrations.0003_analysis_records")
    values(employment, places["county"], {2024: 81.0, 2025: 81.9})
    published = timezone.make_aware(datetime.datetime(2024, 6, 1, 9))
    StatusAnalysis.objects.filter(pk=analysis.pk).update(stage="final", published_at=published)
    migration.keep_the_values_of_final_analyses(apps, None)
    shown = page(visitor, "/arshjul/2027/nulagesanalys/")
    assert "2023: <strong>80,2 %</strong>" in shown
    assert '<th scope="row">2024</th>' not in shown
