"""What every app's admin shares."""

from django.core.exceptions import ValidationError

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
