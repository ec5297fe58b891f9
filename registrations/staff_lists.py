"""Staff's lists and printouts of a meeting, in the admin: the exports (CSV, XLSX) and the
PDF jobs (:mod:`registrations.documents`), offered under the cycle dashboard."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arshjul.dashboard import Download, Downloads
from arshjul.lib import pdf_jobs
from arshjul.lib.admin_helpers import pdf_jobs_followed
from arshjul.lib.exports import csv_response, xlsx_response
from meetings.models import Meeting

from . import exports

FORMATS = {"csv": csv_response, "xlsx": xlsx_response}
PDF_KINDS = {
    "participant_list": _("Participant list"),
    "name_badges": _("Name badges"),
    "workshop_groups": _("Workshop groups"),
    "sign_in_sheet": _("Sign-in sheet"),
}


def _tables(meeting, user) -> dict:
    """The tables of a meeting that this user may download, by name."""
    tables = {}
    if user.has_perm("registrations.view_participant"):
        with_needs = user.has_perm(exports.NEEDS_PERMISSION)
        tables["participants"] = (
            gettext("participants"),
            lambda: exports.participants_table(meeting, with_needs=with_needs),
        )
        tables["catering"] = (gettext("catering"), lambda: exports.catering_table(meeting))
    if meeting.participation == Meeting.Participation.INVITATION and user.has_perm(
        "registrations.view_invitation"
    ):
        tables["invitations"] = (
            gettext("invitations"),
            lambda: exports.invitations_table(meeting),
        )
    return tables


def export_view(model_admin, request, meeting_id: int, table: str, fmt: str):
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    tables = _tables(meeting, request.user)
    if fmt not in FORMATS:
        raise Http404
    if table not in tables:
        raise PermissionDenied
    name, make = tables[table]
    header, rows = make()
    filename = f"{slugify(name)}-{slugify(meeting.title)}-{meeting.date:%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows, title=name.capitalize())
    return csv_response(filename, header, rows)


def may_print(user) -> bool:
    """Who may make a meeting's printouts: whoever may see its participants — a Läsare too,
    since no printout carries a participant's needs (registrations.documents)."""
    return user.has_perm("registrations.view_participant")


def pdf_view(model_admin, request, meeting_id: int, kind: str):
    """Start a printout of the meeting as a PDF job, and follow it on the job's page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    if kind not in PDF_KINDS:
        raise Http404
    if not may_print(request.user):
        raise PermissionDenied
    job = pdf_jobs.pdf_job_start(
        kind=kind, parameters={"meeting_id": meeting.pk}, user=request.user
    )
    return pdf_jobs_followed([job])


def meeting_downloads(cycle, user) -> list[Downloads]:
    """Under the dashboard: per meeting of the cycle, its tables and printouts."""
    groups = []
    printing = may_print(user)
    meetings = Meeting.objects.filter(cycle=cycle, cancelled_at__isnull=True).exclude(
        participation=Meeting.Participation.UNDECIDED
    )
    for meeting in meetings.order_by("date"):
        items = []
        for table, (name, _make) in _tables(meeting, user).items():
            for fmt in FORMATS:
                url = reverse("admin:meetings_meeting_export", args=[meeting.pk, table, fmt])
                items.append(Download(f"{name.capitalize()} ({fmt.upper()})", url))
        if printing:
            for kind, label in PDF_KINDS.items():
                if kind == "workshop_groups" and not meeting.has_workshop_groups:
                    continue
                url = reverse("admin:meetings_meeting_pdf", args=[meeting.pk, kind])
                items.append(Download(str(label), url, starts_job=True))
        if items:
            day = date_format(meeting.date, "j F Y")
            groups.append(Downloads(f"{meeting.title}, {day}", items))
    return groups
