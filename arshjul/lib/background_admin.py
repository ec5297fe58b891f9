"""Admin for the background machinery: the outbox and the PDF jobs."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import emails, mail_kinds, outbox, pdf_jobs, tokens
from .admin_helpers import pdf_jobs_followed
from .models import OutgoingMail, PdfJob


class TestEmailForm(forms.Form):
    to = forms.EmailField(
        label=_("Send a test e-mail to"),
        max_length=OutgoingMail._meta.get_field("to").max_length,
        help_text=_("A short message that shows whether e-mail from Årshjul reaches people."),
    )


class MailKindFilter(admin.SimpleListFilter):
    """The kinds of e-mail by their names, not their codes."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return mail_kinds.mail_kind_choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class PdfKindFilter(admin.SimpleListFilter):
    """The kinds of PDF by their names, not their codes."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return sorted(((k.name, str(k.label)) for k in pdf_jobs.kinds), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "kind_label", "state", "attempts", "sent_at"]
    list_filter = ["state", MailKindFilter]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "kind_label",
        "to",
        "subject",
        "state",
        "attempts",
        "last_error",
        "dedup_key",
        "about_link",
        "created_at",
        "queued_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "text",
        "attachment_names",
    ]
    exclude = ["kind", "about_type", "about_id", "attachments", "body_text", "body_html"]
    change_list_template = "admin/arshjul/outgoingmail/change_list.html"

    def has_add_permission(self, request):
        return False  # e-mails are made by the system, not typed in here

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return mail_kinds.mail_kind_label(obj.kind)

    @admin.display(description=_("plain text"))
    def text(self, obj):
        # The text as sent, but no personal link's token: staff send such a link again with
        # an action, and never read it (a sign-in, survey or invitation link is a way in).
        return tokens.personal_links_masked(obj.body_text)

    @admin.display(description=_("about"))
    def about_link(self, obj):
        return str(obj.about) if obj.about_id else "–"

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        return ", ".join(a["filename"] for a in obj.attachments) or "–"

    def has_send_permission(self, request):
        return request.user.has_perm("arshjul.send_outgoingmail")

    @admin.action(description=_("Send the selected failed e-mails again"), permissions=["send"])
    def send_again(self, request, queryset):
        count = outbox.outbox_resend(mail_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail is queued again.", "%(count)d e-mails are queued again.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def get_urls(self):
        return [
            path(
                "test-email/",
                self.admin_site.admin_view(self.test_email_view),
                name="arshjul_outgoingmail_test_email",
            ),
            *super().get_urls(),
        ]

    def test_email_view(self, request):
        if not self.has_send_permission(request):
            raise PermissionDenied
        form = TestEmailForm(request.POST or None, initial={"to": request.user.email})
        if request.method == "POST" and form.is_valid():
            emails.send_test_email(
                to=form.cleaned_data["to"], requested_by=request.user.get_username()
            )
            self.message_user(
                request,
                gettext("A test e-mail to %(to)s is in the outbox.") % form.cleaned_data,
                messages.SUCCESS,
            )
            return redirect("admin:arshjul_outgoingmail_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Send a test e-mail"),
            "form": form,
        }
        return TemplateResponse(request, "admin/arshjul/outgoingmail/test_email.html", context)


class StartPdfJobForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of PDF"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in pdf_jobs.kinds]


@admin.register(PdfJob)
class PdfJobAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind_label",
        "about_words",
        "state",
        "progress",
        "created_by",
        "download",
    ]
    list_filter = ["state", PdfKindFilter]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"
    actions = ["restart"]
    readonly_fields = [
        "kind_label",
        "about_words",
        "state",
        "progress",
        "error",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
        "download",
    ]
    exclude = ["kind", "file", "parameters", "about"]
    change_form_template = "admin/arshjul/pdfjob/change_form.html"

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return obj.get_kind_display()

    @admin.display(description=_("about"))
    def about_words(self, obj):
        """What the job is about, in words (said when it started; "–" for older jobs)."""
        return obj.about or "–"

    @admin.display(description=_("file"))
    def download(self, obj):
        if obj.state != PdfJob.State.DONE or not obj.file:
            return "–"
        url = reverse("admin:arshjul_pdfjob_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download PDF"))

    @admin.action(description=_("Start the selected failed jobs again"), permissions=["add"])
    def restart(self, request, queryset):
        count = sum(
            pdf_jobs.pdf_job_restart(job_id=pk) for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext("%(count)d job started again.", "%(count)d jobs started again.", count)
            % {"count": count},
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:job_id>/status/", view(self.status_view), name="arshjul_pdfjob_status"),
            path(
                "<int:job_id>/download/", view(self.download_view), name="arshjul_pdfjob_download"
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Start a job: choose the kind, then fill in that kind's own form."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else None
        kind_form = StartPdfJobForm(data or request.GET or None)
        parameters_form = None
        if kind_form.is_valid():
            kind = pdf_jobs.kind_get(kind_form.cleaned_data["kind"])
            parameters_form = kind.form(data) if kind.form else None
            ready = data is not None and (parameters_form is None or parameters_form.is_valid())
            if ready:
                parameters = parameters_form.to_parameters() if parameters_form else {}
                job = pdf_jobs.pdf_job_start(
                    kind=kind.name, parameters=parameters, user=request.user
                )
                self.message_user(request, gettext("The PDF is being made."), messages.SUCCESS)
                return pdf_jobs_followed([job])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Make a PDF"),
            "kind_form": kind_form,
            "parameters_form": parameters_form,
        }
        return TemplateResponse(request, "admin/arshjul/pdfjob/start.html", context)

    def _job(self, request, job_id) -> PdfJob:
        job = get_object_or_404(PdfJob, pk=job_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def status_view(self, request, job_id):
        job = self._job(request, job_id)
        return JsonResponse(
            {
                "state": job.state,
                "state_label": job.get_state_display(),
                "progress": job.progress,
                "error": job.error,
                "finished": job.is_finished,
                "download_url": reverse("admin:arshjul_pdfjob_download", args=[job.pk])
                if job.state == PdfJob.State.DONE
                else "",
            }
        )

    def download_view(self, request, job_id):
        job = self._job(request, job_id)
        if job.state != PdfJob.State.DONE or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.file.name.rsplit("/", 1)[-1].split("-", 1)[-1],
            content_type="application/pdf",
        )
