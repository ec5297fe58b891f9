"""What every app's forms share."""

from django.core.exceptions import ValidationError


def error_words(error: ValidationError) -> str:
    """A domain error as the words a page shows where it offers no form (a refusal)."""
    return " ".join(error.messages)


def add_domain_error(form, error: ValidationError) -> None:
    """Put a service's domain error on ``form``: a field's message beside the field when the
    form shows that field, everything else at the top (and so in the error summary)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)
