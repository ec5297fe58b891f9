"""The survey's domain errors (:mod:`arshjul.errors`)."""

from arshjul.errors import DomainError, Refused


class SurveyError(DomainError):
    """Something the survey's rules refuse; views and the admin show it as a form error."""


class SurveyRefused(SurveyError, Refused):
    """The action is not allowed now (not open yet, past the deadline, already submitted)."""
