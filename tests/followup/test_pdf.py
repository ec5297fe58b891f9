"""The report as a tagged PDF (PDF/UA-1), in Swedish, with a title: its text holds each
challenge's gaps and matches and who took part; it is made in the background, never in the
request, and is made anew when the report changes."""

import io
import shutil
import subprocess

import pypdf
import pytest
from django.test import TestCase

from followup import services
from tests.helpers import pango_available, require

PDF = "/arshjul/2027/uppfoljningsrapport.pdf"


@pytest.fixture
def pdfs(private_files):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    require(bool(shutil.which("pdftotext")), "pdftotext is missing (apt-get install poppler-utils)")


def download(visitor) -> bytes:
    response = visitor.get(PDF)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="uppfoljningsrapport-2027.pdf"' in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def pdf_text(content: bytes, tmp_path) -> str:
    (tmp_path / "report.pdf").write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.replace("\xa0", " ").split())


def test_the_pdf_holds_each_challenges_gaps_and_matches_and_who_took_part(
    published, known_picture, taking_part, visitor, pdfs, tmp_path
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.report_publish(report=published)  # made anew with the lägesbild and people
    text = pdf_text(download(visitor), tmp_path)
    assert "Uppföljningsrapport 2027" in text
    assert "En kategori saknas: Inga lärosäten arbetar med utmaningen." in text
    assert "Samma nätverk: Nätverket Unga in" in text and "(Kils kommun, Eda kommun)" in text
    assert "kompetensförsörjning och matchningsproblematik" in text
    assert "Inga glapp hittades." in text and "Inga samarbetsmöjligheter hittades." in text
    assert "8 personer från 4 organisationer." in text
    assert "2026: 4 personer från 2 organisationer." in text


def test_the_pdf_is_tagged_in_swedish_with_a_title(published, visitor, pdfs):
    reader = pypdf.PdfReader(io.BytesIO(download(visitor)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == "Uppföljningsrapport 2027"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_the_pdf_is_made_anew_when_the_report_changes(published, visitor, pdfs, tmp_path):
    first = published.pdf_id
    published.conclusions = "Nya slutsatser om matchning."
    published.save()
    page = visitor.get(PDF)  # the page saying it is being made (the job waits for a worker)
    published.refresh_from_db()
    assert published.pdf_id != first
    assert page["Content-Type"].startswith("text/html")
    assert "uppdateras" in page.content.decode()
