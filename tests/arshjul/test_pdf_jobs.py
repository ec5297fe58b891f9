import datetime
import io
import json
from pathlib import Path

import pypdf
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from arshjul.lib import pdf_jobs
from arshjul.models import PdfJob
from tests import factories

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text with every run of white space as one space (table cells wrap), and a
    word hyphenated at a line's end ("Försäk‐" "ringskassan") whole again."""
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    return text.replace("\u2010 ", "")


@pytest.fixture
def cycle_with_coordinators():
    cycle = factories.cycle(2027)
    for name in ["Kils kommun", "Compare", "Försäkringskassan"]:
        factories.coordinator(
            cycle, factories.organisation(name=name), name=f"Samordnare för {name}"
        )
    return cycle


def test_staff_make_a_pdf_of_the_coordinators_and_download_it(
    staff_client, cycle_with_coordinators, private_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/arshjul/cycle/",
            {"action": "make_coordinator_list", "_selected_action": [cycle_with_coordinators.pk]},
        )
    job = PdfJob.objects.get()
    assert response.url == f"/admin/arshjul/pdfjob/{job.pk}/change/"
    assert (job.state, job.progress, job.error) == (PdfJob.State.DONE, 100, "")

    page = staff_client.get(response.url).content.decode()
    assert "Klar" in page and "Ladda ner PDF" in page
    status = json.loads(staff_client.get(f"/admin/arshjul/pdfjob/{job.pk}/status/").content)
    assert status["state"] == "done" and status["progress"] == 100
    download = staff_client.get(f"/admin/arshjul/pdfjob/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="samordnare-arshjul-2027.pdf"' in download["Content-Disposition"]
    text = pdf_text(b"".join(download.streaming_content))
    assert "Samordnare för Försäkringskassan" in text
    assert "Samordnare, Årshjul 2027" in text


def test_staff_start_a_job_from_the_pdf_job_list(
    staff_client, cycle_with_coordinators, private_files, django_capture_on_commit_callbacks
):
    form = staff_client.get("/admin/arshjul/pdfjob/add/", {"kind": "coordinator_list"})
    assert "Årshjul 2027" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/arshjul/pdfjob/add/",
            {"kind": "coordinator_list", "cycle": cycle_with_coordinators.pk},
        )
    job = PdfJob.objects.get()
    assert response.url == f"/admin/arshjul/pdfjob/{job.pk}/change/"
    assert job.parameters == {"cycle_id": cycle_with_coordinators.pk}
    assert job.state == PdfJob.State.DONE


def test_a_failed_job_says_why_and_can_be_started_again(
    staff_client, private_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = pdf_jobs.pdf_job_start(kind="coordinator_list", parameters={"cycle_id": 999999})
    job.refresh_from_db()
    assert job.state == PdfJob.State.FAILED
    assert "DoesNotExist" in job.error
    page = staff_client.get(f"/admin/arshjul/pdfjob/{job.pk}/change/").content.decode()
    assert "Misslyckades" in page and "DoesNotExist" in page
    assert staff_client.get(f"/admin/arshjul/pdfjob/{job.pk}/download/").status_code == 404

    cycle = factories.cycle(2027)
    PdfJob.objects.filter(pk=job.pk).update(parameters={"cycle_id": cycle.pk})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/arshjul/pdfjob/", {"action": "restart", "_selected_action": [job.pk]}
        )
    job.refresh_from_db()
    assert job.state == PdfJob.State.DONE


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(
    cycle_with_coordinators, private_files
):
    job = PdfJob.objects.create(
        kind="coordinator_list", parameters={"cycle_id": cycle_with_coordinators.pk}
    )
    assert pdf_jobs.pdf_job_run(job_id=job.pk) == PdfJob.State.DONE
    first_file = PdfJob.objects.get(pk=job.pk).file.name
    assert pdf_jobs.pdf_job_run(job_id=job.pk) == PdfJob.State.DONE
    assert PdfJob.objects.get(pk=job.pk).file.name == first_file


def test_outsiders_cannot_see_or_download_jobs(
    client, cycle_with_coordinators, private_files, settings
):
    job = PdfJob.objects.create(
        kind="coordinator_list", parameters={"cycle_id": cycle_with_coordinators.pk}
    )
    pdf_jobs.pdf_job_run(job_id=job.pk)
    for url in [
        f"/admin/arshjul/pdfjob/{job.pk}/download/",
        f"/admin/arshjul/pdfjob/{job.pk}/status/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/")
    # The file is not under any public URL either: it has none, and lies outside the folders
    # the site serves.
    job.refresh_from_db()
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018 - the access is what is tested
    path = Path(job.file.path).resolve()
    for served in [settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS]:
        assert not path.is_relative_to(Path(served).resolve())


def test_the_sweep_removes_old_jobs_and_their_files(
    cycle_with_coordinators, private_files, settings
):
    settings.PDF_JOB_RETENTION_DAYS = 7
    job = PdfJob.objects.create(
        kind="coordinator_list", parameters={"cycle_id": cycle_with_coordinators.pk}
    )
    pdf_jobs.pdf_job_run(job_id=job.pk)
    path = private_files / PdfJob.objects.get(pk=job.pk).file.name
    assert path.is_file()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6), tick=False):
        call_command("run_sweeps", "pdf-jobs", stdout=io.StringIO())
    assert path.is_file()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        call_command("run_sweeps", "pdf-jobs", stdout=io.StringIO())
    assert not path.exists()
    assert not PdfJob.objects.filter(pk=job.pk).exists()


def test_a_job_of_an_unknown_kind_fails_with_a_message(private_files):
    job = PdfJob.objects.create(kind="finns_inte")
    assert pdf_jobs.pdf_job_run(job_id=job.pk) == PdfJob.State.FAILED
    job.refresh_from_db()
    assert "finns_inte" in job.error


def test_a_run_the_sweep_gave_up_on_cannot_overwrite_the_job(
    cycle_with_coordinators, private_files
):
    job = PdfJob.objects.create(
        kind="coordinator_list", parameters={"cycle_id": cycle_with_coordinators.pk}
    )
    original = pdf_jobs.kinds.get("coordinator_list")

    def slow_build(job, progress):
        # Meanwhile the sweep marks this run as stopped, and staff start it again.
        PdfJob.objects.filter(pk=job.pk).update(state=PdfJob.State.QUEUED)
        return original.build(job, progress)

    slow = pdf_jobs.PdfKind("coordinator_list", "x", slow_build)
    pdf_jobs.kinds.register(slow, name="coordinator_list")
    try:
        pdf_jobs.pdf_job_run(job_id=job.pk)
    finally:
        pdf_jobs.kinds.register(original, name="coordinator_list")
    job.refresh_from_db()
    assert job.state == PdfJob.State.QUEUED  # left for the new run
