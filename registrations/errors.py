"""The one domain error of sign-ups. Every rule that refuses something — the deadline, the
capacity, an address registered twice, a missing consent — raises a
:class:`RegistrationError` (a ``ValidationError``), so that views and the admin turn it into
form errors the same way (:func:`arshjul.forms.add_domain_error`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RegistrationError(ValidationError):
    """A rule of sign-ups refuses the change; the message says why, for the person acting."""


class NotAllowed(RegistrationError):
    """The deadline rule refuses the action now."""


class AlreadyRegistered(RegistrationError):
    """One or more of the addresses is already registered for the meeting."""

    def __init__(self, emails_taken: list[str]):
        self.emails_taken = emails_taken
        super().__init__(
            {
                "email": _("Already registered for the meeting: %(emails)s.")
                % {"emails": ", ".join(emails_taken)}
            }
        )
