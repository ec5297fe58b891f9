"""Staff's side of the follow-up report: writing the direction meeting's conclusions and what
comes next, previewing the whole report, publishing it and making it final — each asking
first, saying what will happen."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib import confirm
from arshjul.lib.admin_helpers import DomainErrorsAdminMixin, pdf_jobs_followed

from . import selectors, services
from .compile import compiled, readable
from .errors import FollowupError
from .models import Report
from .report import report_url


@admin.register(Report)
class ReportAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "cycle", "published_at", "final_at", "page"]
    list_filter = ["cycle"]
    fields = ["cycle", "conclusions", "next_steps", "published_at", "final_at", "final_by"]
    actions = ["publish", "make_final"]
    change_form_template = "admin/followup/report/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        kept = ["published_at", "final_at", "final_by"]
        if obj is None:
            return kept
        if obj.is_final:  # the year's record: its words stay as they were made final
            return ["cycle", "conclusions", "next_steps", *kept]
        return ["cycle", *kept]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_final:  # the year's record is kept
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:report_id>/preview/",
                view(self.preview_view),
                name="followup_report_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, report_id: int):
        """The whole report as its page will read, with the words of the form as it stands
        (the change form's "Preview" button posts here, to a new tab): nothing is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        report = Report.objects.select_related("cycle").filter(pk=report_id).first()
        if report is None:
            raise Http404
        if report.is_final:
            content = selectors.report_content(report)
        else:
            report.conclusions = request.POST.get("conclusions", "")
            report.next_steps = request.POST.get("next_steps", "")
            content = compiled(report)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Preview: %(title)s") % {"title": str(report)},
            "report": report,
            "content": readable(content),
        }
        return TemplateResponse(request, "admin/followup/report/preview.html", context)

    @admin.display(description=_("page"))
    def page(self, obj):
        if obj.published_at is None or obj.published_at > timezone.now():
            return "–"
        return format_html('<a href="{}">{}</a>', report_url(obj), gettext("Show"))

    def has_publish_permission(self, request):
        return request.user.has_perm("followup.publish_report")

    def save_model(self, request, obj, form, change):
        services.report_text_change_check(report=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and form.has_changed() and form.instance.published_at is not None:
            services.report_changed(report=form.instance)
            self.message_user(
                request,
                gettext(
                    "The published page shows the change now; its PDF is being made anew "
                    "and is served once it is ready."
                ),
                messages.INFO,
            )

    @admin.action(description=_("Publish (the page and the PDF)"), permissions=["publish"])
    def publish(self, request, queryset):
        reports = list(queryset.select_related("cycle").order_by("cycle__year"))

        def confirmation(once):
            return confirm.Confirmation(
                title=gettext("Publish the follow-up report"),
                lead=[
                    ngettext(
                        "%(count)d report becomes public: its page and its PDF, linked from "
                        "the cycle's page.",
                        "%(count)d reports become public: their pages and their PDFs, linked "
                        "from the cycles' pages.",
                        len(reports),
                    )
                    % {"count": len(reports)},
                    gettext(
                        "Until a report is made final its figures follow the cycle's data; "
                        "made final, it is kept as the year's record."
                    ),
                ],
                button=gettext("Publish"),
                table_caption=gettext("What becomes public"),
                table_header=[gettext("Report"), gettext("Address")],
                table_rows=[[str(r), report_url(r)] for r in reports],
            )

        def act(once):
            published = [services.report_publish(report=r) for r in reports]
            self.message_user(
                request,
                ngettext(
                    "%(count)d follow-up report is published; its PDF is being made.",
                    "%(count)d follow-up reports are published; their PDFs are being made.",
                    len(published),
                )
                % {"count": len(published)},
                messages.SUCCESS,
            )
            followed.extend(r.pdf for r in published)

        followed = []
        response = confirm.action_confirmed(
            self, request, queryset, confirmation=confirmation, act=act
        )
        return response or (pdf_jobs_followed(followed) if followed else None)

    @admin.action(
        description=_("Make final (keep it as the year's record)"), permissions=["publish"]
    )
    def make_final(self, request, queryset):
        reports = list(queryset.select_related("cycle").order_by("cycle__year"))
        unready = [r for r in reports if r.published_at is None or r.is_final]
        if unready:
            self.message_user(
                request,
                gettext(
                    "Only a published report that is not final yet can be made final: %(reports)s."
                )
                % {"reports": ", ".join(str(r) for r in unready)},
                messages.WARNING,
            )
            return None

        def confirmation(once):
            return confirm.Confirmation(
                title=gettext("Make the follow-up report final"),
                lead=[
                    gettext(
                        "What the report shows now — who took part, the survey, the "
                        "indicators, the lägesbild and your words — is kept as the year's "
                        "record: it reads the same after any import, change or deleted "
                        "organisation, and its words can no longer be changed."
                    ),
                    gettext("This cannot be undone."),
                ],
                button=ngettext(
                    "Make %(count)d report final", "Make %(count)d reports final", len(reports)
                )
                % {"count": len(reports)},
                table_caption=gettext("What is kept"),
                table_header=[gettext("Report"), gettext("Address")],
                table_rows=[[str(r), report_url(r)] for r in reports],
            )

        def act(once):
            made = []
            for report in reports:
                try:
                    made.append(services.report_make_final(report=report, user=request.user))
                except FollowupError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
            if made:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d follow-up report is final; its PDF is being made.",
                        "%(count)d follow-up reports are final; their PDFs are being made.",
                        len(made),
                    )
                    % {"count": len(made)},
                    messages.SUCCESS,
                )
            followed.extend(r.pdf for r in made)

        followed = []
        response = confirm.action_confirmed(
            self, request, queryset, confirmation=confirmation, act=act
        )
        return response or (pdf_jobs_followed(followed) if followed else None)
