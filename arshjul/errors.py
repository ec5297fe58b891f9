"""The one family of domain errors. Every app's rules raise a subclass of :class:`DomainError`
from its own ``errors.py`` (``RegistrationError``, ``SurveyError``, ``MaterialError``,
``IndicatorError``; the core's :class:`CycleError`), and a refusal *now* — a deadline, a state,
who asks — is also a :class:`Refused`. Being ``ValidationError``\\ s, they reach a form as its
errors (:func:`arshjul.lib.forms.add_domain_error`) or a page as words
(:func:`arshjul.lib.forms.error_words`), in views and the admin alike — never a 500."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule refuses what was asked; the message says why, for the person acting."""


class Refused(DomainError):
    """Not allowed now, whatever was typed: the page says why instead of offering the form."""


class CycleError(DomainError):
    """The cycle's own rules refuse: a second cycle for one year, a question answered twice."""
