"""The lägesbild's PDF holds each challenge's gaps and matches (read with pdftotext, as a
reader's tool reads it), names organisations and never their coordinators."""

import shutil
import subprocess

import pytest
from django.test import TestCase

from arshjul.lib import pdf_jobs
from situation import services
from tests.helpers import pango_available, require


@pytest.fixture
def pdfs(private_files):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    require(bool(shutil.which("pdftotext")), "pdftotext is missing (poppler-utils)")


def test_the_pdf_holds_each_challenges_gaps_and_matches(picture, overlaps, client, pdfs, tmp_path):
    with TestCase.captureOnCommitCallbacks(execute=False):
        published = services.picture_publish(picture=picture)
    pdf_jobs.pdf_job_run(job_id=published.pdf_id)
    response = client.get("/arshjul/2027/lagesbild.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="lagesbild-2027.pdf"' in response["Content-Disposition"]
    (tmp_path / "lagesbild.pdf").write_bytes(b"".join(response.streaming_content))
    subprocess.run(
        ["pdftotext", str(tmp_path / "lagesbild.pdf"), str(tmp_path / "out.txt")],  # noqa: S607
        check=True,
    )
    text = " ".join((tmp_path / "out.txt").read_text().split())
    assert "Kompetensförsörjning och matchningsproblematik" in text
    assert "Demografi och utanförskap" in text
    assert "Ingen validering för vårdyrken" in text  # G4
    assert "Idéburen sektor" in text  # G2
    assert "Gemensam mentorbank" in text  # M3
    assert "Samma nätverk eller forum" in text  # M1
    assert "anna@kil.example.org" not in text
    assert text.count("Glapp") >= 2  # a heading per challenge
