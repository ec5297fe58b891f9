"""Sign-ups' domain errors (:mod:`arshjul.errors`). Every rule that refuses something — the
deadline, the capacity, an address registered twice, a missing consent, who asks — raises a
:class:`RegistrationError`, so that views and the admin turn it into form errors the same way
(:func:`arshjul.lib.forms.add_domain_error`)."""

from django.utils.translation import gettext as _

from arshjul.errors import DomainError, Refused


class RegistrationError(DomainError):
    """A rule of sign-ups refuses the change; the message says why, for the person acting."""


class RegistrationRefused(RegistrationError, Refused):
    """The deadline rule, or who asks, refuses the action now."""


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
