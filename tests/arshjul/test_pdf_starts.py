"""Every place in the admin that starts a PDF leads staff to the PDF job's page: its state in
words and, once it is made, the link to download it — never to the job's JSON status (the
page's script reads that; a person does not)."""

import datetime
import re

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from arshjul.models import PdfJob
from indicators.models import AnalysisSection, StatusAnalysis
from registrations.staff_lists import PDF_KINDS
from tests import factories
from tests.helpers import pango_available, require
from working_material.models import GuidingQuestions, WorkingMaterial

pytestmark = pytest.mark.django_db

JOB_PAGE = re.compile(r"/admin/arshjul/pdfjob/(\d+)/change/")


@pytest.fixture
def world(db, frozen_now, private_files):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    factories.coordinator(cycle, kil, name="Anna Kil")
    challenge = cycle.cycle_challenges.first().challenge
    material = WorkingMaterial.objects.create(
        cycle=cycle, closes_at=timezone.now() + datetime.timedelta(days=30), published=True
    )
    GuidingQuestions.objects.create(material=material, challenge=challenge)
    analysis = StatusAnalysis.objects.create(
        cycle=cycle, stage="preliminary", title="Preliminär nulägesanalys 2027"
    )
    AnalysisSection.objects.create(analysis=analysis, title="Demografi", text="Fler arbetar.")
    return {
        "cycle": cycle,
        "meeting": cycle.meetings.get(slug="arbetsmote"),
        "material": material,
        "challenge": challenge,
        "analysis": analysis,
    }


def _material_pdf(w):
    return reverse("admin:working_material_pdf", args=[w["material"].pk])


# Each way staff start a PDF: (address, what is posted).
STARTS = {
    "the cycle list's action": lambda w: (
        "/admin/arshjul/cycle/",
        {"action": "make_coordinator_list", "_selected_action": [w["cycle"].pk]},
    ),
    "the overview's coordinator list": lambda w: (
        reverse("admin:arshjul_cycle_coordinators_pdf", args=[w["cycle"].pk]),
        {},
    ),
    "the PDF job list's form": lambda w: (
        "/admin/arshjul/pdfjob/add/",
        {"kind": "coordinator_list", "cycle": w["cycle"].pk},
    ),
    **{
        f"the meeting's {kind}": (
            lambda w, kind=kind: (
                reverse("admin:meetings_meeting_pdf", args=[w["meeting"].pk, kind]),
                {},
            )
        )
        for kind in PDF_KINDS
    },
    "the working material's challenge": lambda w: (
        _material_pdf(w),
        {"challenge": w["challenge"].pk},
    ),
    "the working material's whole cycle": lambda w: (_material_pdf(w), {}),
    "publishing the status analysis": lambda w: (
        "/admin/indicators/statusanalysis/",
        {"action": "publish", "_selected_action": [w["analysis"].pk]},
    ),
}


def job_page_after(client, response) -> str:
    """Where the start leads a person: straight to the job's page, or to a page whose message
    links to it."""
    assert response.status_code == 302, response.status_code
    if JOB_PAGE.fullmatch(response.url):
        return response.url
    page = client.get(response.url).content.decode()
    found = JOB_PAGE.search(page)
    assert found, f"{response.url} links to no PDF job"
    return found.group(0)


@pytest.mark.parametrize("start", STARTS)
def test_each_pdf_start_leads_to_the_jobs_page_with_its_download(world, editor_client, start):
    url, data = STARTS[start](world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor_client.post(url, data)
    job = PdfJob.objects.latest("pk")

    page_url = job_page_after(editor_client, response)
    page = editor_client.get(page_url)

    assert page_url == f"/admin/arshjul/pdfjob/{job.pk}/change/"
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert job.state == PdfJob.State.DONE, job.error
    assert "Klar" in html
    assert f'href="/admin/arshjul/pdfjob/{job.pk}/download/"' in html
    assert "Ladda ner PDF" in html


ABOUT = {
    "the cycle list's action": "Årshjul 2027",
    "the meeting's sign_in_sheet": "Arbetsmöte, 13 januari 2027",
    "the working material's challenge": "Arbetsmaterial 2027: ",
    "publishing the status analysis": "Preliminär nulägesanalys 2027",
}


@pytest.mark.parametrize("start", ABOUT)
def test_each_job_says_in_words_what_it_is_about(world, editor_client, start):
    url, data = STARTS[start](world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(url, data)
    job = PdfJob.objects.latest("pk")
    for page in [f"/admin/arshjul/pdfjob/{job.pk}/change/", "/admin/arshjul/pdfjob/"]:
        html = editor_client.get(page).content.decode()
        assert ABOUT[start] in html, page
        assert "_id" not in html.split("<main", 1)[-1].split("</main>")[0], page  # no {"…_id": 4}
