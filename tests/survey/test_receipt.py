"""The receipt: a page of the submitted answers, and the same as a PDF made in the
background."""

import io

import pypdf
import pytest
from django.test import Client, TestCase

from survey import services
from survey.models import Response
from tests.helpers import pango_available, require


@pytest.fixture
def submitted(private_files, survey, kil_group, kil_link):
    response = Response.objects.get(group=kil_group)
    services.answers_save(
        response=response,
        values={
            survey.q["yes"].pk: "yes",
            survey.q["choice"].pk: "2",
            survey.q["scale"].pk: "dont_know",
            survey.q["text"].pk: "Nya mötesformer med näringslivet",
        },
        seen={},
        saved_by="Anna",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.response_submit(response=response, submitted_by="Bo")
    return kil_link


def test_the_receipt_page_shows_every_answer_as_submitted(submitted):
    page = Client().get(submitted, follow=True)
    html = page.content.decode()
    assert page.redirect_chain[-1][0].startswith("/enkat/kvitto/")
    assert "Er grupps svar skickades in 27 november 2026, 12:00." in html
    for answer in ["Ja", "Ibland", "Vet ej", "Nya mötesformer med näringslivet"]:
        assert answer in html


def test_the_receipt_pdf_holds_the_answers(submitted):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    pdf_path = submitted.replace("/enkat/", "/enkat/kvitto.pdf")
    with TestCase.captureOnCommitCallbacks(execute=True):
        download = Client().get(pdf_path)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="kvitto-2027-')
    content = b"".join(download.streaming_content)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "Kvitto: Ledningsenkäten" in text
    assert "Nya mötesformer med näringslivet" in text
    assert "Vet ej" in text


def test_a_draft_has_no_receipt(survey, kil_link):
    assert (
        Client()
        .get(kil_link.replace("/enkat/", "/enkat/kvitto/"))["Location"]
        .startswith("/enkat/?nyckel=")
    )
    assert Client().get(kil_link.replace("/enkat/", "/enkat/kvitto.pdf")).status_code == 404
