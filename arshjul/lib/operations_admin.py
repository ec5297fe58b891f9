"""The staff page "Driftstatus" (``/admin/driftstatus/``): the state of every part in words
(:func:`arshjul.lib.operations.operations_status`), with failed e-mails and PDFs to send or
start again. Readers see it; only those who may send e-mails again (or start PDFs) retry,
through the outbox's and the PDF jobs' own services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext

from . import operations, outbox, pdf_jobs, sweeps

VIEW_PERMISSION = "arshjul.view_operations_status"
# The same permissions as the outbox's and the PDF jobs' admin actions.
RESEND_PERMISSION = "arshjul.send_outgoingmail"
RESTART_PERMISSION = "arshjul.add_pdfjob"


class RetryForm(forms.Form):
    mail = forms.IntegerField(required=False, min_value=1)
    pdf_job = forms.IntegerField(required=False, min_value=1)


def operations_status_view(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        return _retry(request)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Operations status"),
        "status": operations.operations_status(sweep_names=sweeps.labels()),
        "may_resend": request.user.has_perm(RESEND_PERMISSION),
        "may_restart": request.user.has_perm(RESTART_PERMISSION),
    }
    return TemplateResponse(request, "admin/operations_status.html", context)


def _retry(request):
    """Send one failed e-mail again, or start one failed PDF job again (POST)."""
    may_resend = request.user.has_perm(RESEND_PERMISSION)
    may_restart = request.user.has_perm(RESTART_PERMISSION)
    if not (may_resend or may_restart):
        raise PermissionDenied
    form = RetryForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    if mail_id := form.cleaned_data["mail"]:
        if not may_resend:
            raise PermissionDenied
        if outbox.outbox_resend(mail_ids=[mail_id]):
            messages.success(request, gettext("The e-mail is queued again."))
        else:
            messages.warning(request, gettext("That e-mail can no longer be sent again."))
    elif job_id := form.cleaned_data["pdf_job"]:
        if not may_restart:
            raise PermissionDenied
        if pdf_jobs.pdf_job_restart(job_id=job_id):
            messages.success(request, gettext("The PDF is being made again."))
        else:
            messages.warning(request, gettext("That PDF job can no longer be started again."))
    else:
        return HttpResponseBadRequest()
    return redirect("admin:operations-status")


def admin_urls() -> list:
    """The page's address inside the admin (``admin:operations-status``)."""
    view = admin.site.admin_view(operations_status_view)
    return [path("driftstatus/", view, name="operations-status")]
