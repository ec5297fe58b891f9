"""The follow-up report's rules: publishing it, making it final (the year's record), and
keeping its PDF the same as its page."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib import pdf_jobs
from arshjul.models import PdfJob

from . import selectors
from .compile import compiled
from .errors import FollowupError
from .models import Report


def report_publish(*, report: Report, now=None) -> Report:
    """Publish the report: its page is public from now (compiled anew whenever the cycle's
    rows change, until it is made final) and its PDF is made in the background."""
    now = now or timezone.now()
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
        if report.published_at is None:
            report.published_at = now
            report.save(update_fields=["published_at"])
        report.pdf = report_pdf_current(report=report, anew=True)
    return report


def report_make_final(*, report: Report, user=None, now=None) -> Report:
    """Make the published report final: what it shows now — the numbers, the lägesbild and
    staff's words — is kept as the year's record, and reads the same after any import, change
    or deletion. Once final it stays final."""
    now = now or timezone.now()
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
        if report.published_at is None or report.published_at > now:
            raise FollowupError(_("Publish the report before making it final."))
        if report.is_final:
            raise FollowupError(_("The report is final already: it is kept as it was made."))
        report.snapshot = compiled(report)
        report.final_at, report.final_by = now, user
        report.save(update_fields=["snapshot", "final_at", "final_by"])
        report.pdf = report_pdf_current(report=report, anew=True)
    return report


def report_text_change_check(*, report: Report) -> None:
    """Staff's words of a final report are part of the record: they are not changed."""
    if report.pk is None:
        return
    kept = Report.objects.filter(pk=report.pk, final_at__isnull=False)
    kept = kept.values_list("conclusions", "next_steps").first()
    if kept is not None and kept != (report.conclusions, report.next_steps):
        raise FollowupError(_("A final report is the year's record: its text stays."))


def report_changed(*, report: Report) -> Report:
    """Staff saved the report's words: once published, its PDF is made anew (the page shows
    the change at once)."""
    report = Report.objects.select_related("cycle").get(pk=report.pk)
    if report.published_at is not None:
        report.pdf = report_pdf_current(report=report)
    return report


def report_pdf_current(*, report: Report, anew: bool = False) -> PdfJob:
    """The job making the PDF of the report as its page reads now: started again when there is
    none, when it failed, or when what the report shows has changed since (or with ``anew``).
    Readers arriving together start one job."""

    def checked(found) -> tuple[PdfJob | None, str]:
        key = selectors.content_key(found, selectors.report_content(found))
        job = PdfJob.objects.filter(pk=found.pdf_id).first() if found.pdf_id else None
        usable = not anew and job is not None and job.state != job.State.FAILED
        return (job if usable and found.pdf_content == key else None), key

    found = Report.objects.select_related("cycle").get(pk=report.pk)
    job, _key = checked(found)
    if job is not None:
        return job
    with transaction.atomic():
        found = (
            Report.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=report.pk)
        )
        job, key = checked(found)
        if job is not None:
            return job
        job = pdf_jobs.pdf_job_start(kind="followup_report", parameters={"report_id": found.pk})
        Report.objects.filter(pk=found.pk).update(pdf=job, pdf_content=key)
    return job
