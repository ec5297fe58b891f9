"""What every app's admin shares."""

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from .forms import add_domain_error


class DomainErrorsAdminMixin:
    """Admins whose ``save_model`` calls a service: a domain error the service raises (a
    ``ValidationError``) comes back as form errors, with every input kept — never a 500.

    The admin saves inside a transaction, so the failed save is rolled back; the form is then
    validated once more with the service's error added, and shown again."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or hasattr(request, "_domain_error"):
                raise
            request._domain_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        error = getattr(request, "_domain_error", None)
        if error is None:
            return form_class

        class FormWithDomainError(form_class):
            def clean(self):
                data = super().clean()
                add_domain_error(self, error)
                return data

        return FormWithDomainError


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """The admin of every model with a change history: the history is read, never written.

    django-simple-history's page for one version is a form that saves on POST, with mere view
    permission (and hiding its "Revert" button stops nothing): a Läsare could have changed a
    coordinator's address through it, and a revert would bypass the services' rules. Here the
    list and each version are pages to read (every field shown as text, no form), and both
    refuse every method but GET and HEAD, whoever asks."""

    object_history_form_template = "admin/history_version.html"
    READ_METHODS = ("GET", "HEAD")

    def revert_disabled(self, request, obj=None):
        return True

    def history_view_title(self, request, obj):
        return gettext("Change history of %(object)s") % {"object": obj}

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in self.READ_METHODS:
            return HttpResponseNotAllowed(self.READ_METHODS)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One version of the row, every field as text."""
        if request.method not in self.READ_METHODS:
            return HttpResponseNotAllowed(self.READ_METHODS)
        request.current_app = self.admin_site.name
        opts = self.model._meta
        history = getattr(self.model, opts.simple_history_manager_attribute)
        record = get_object_or_404(
            history.model, **{opts.pk.attname: unquote(object_id), "history_id": version_id}
        )
        obj = record.instance
        obj._state.adding = False
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        fieldsets = self.get_fieldsets(request, obj)
        # The admin's form gives the labels; every field is shown read-only, none as input.
        form = self.get_form(request, obj, fields=None)(instance=obj)
        shown = helpers.AdminForm(
            form, fieldsets, {}, readonly_fields=flatten_fieldsets(fieldsets), model_admin=self
        )
        url_name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Version of %(object)s, %(date)s")
            % {"object": obj, "date": date_format(localtime(record.history_date), "j F Y H:i")},
            "adminform": shown,
            "record": record,
            "object_id": object_id,
            "original": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "media": self.media,
            "changelist_url": reverse(f"{url_name}_changelist"),
            "change_url": reverse(f"{url_name}_change", args=[quote(obj.pk)]),
            "history_url": reverse(f"{url_name}_history", args=[quote(obj.pk)]),
            "has_view_permission": self.has_view_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)


def pdf_jobs_followed(jobs) -> HttpResponseRedirect:
    """Where staff go after starting PDFs: the job's page (its state in words and, once the
    PDF is made, its download), or the list of jobs for several. Never the job's JSON status:
    that is for the page's script, not for a person."""
    jobs = list(jobs)
    if len(jobs) == 1:
        return redirect("admin:arshjul_pdfjob_change", jobs[0].pk)
    return redirect("admin:arshjul_pdfjob_changelist")
