"""The working material's domain errors (:mod:`arshjul.errors`)."""

from arshjul.errors import DomainError, Refused


class MaterialError(DomainError):
    """Something the working material's rules refuse; shown as a form error."""


class MaterialRefused(MaterialError, Refused):
    """Not allowed now: the material is closed, not open yet, or the answer is marked done."""
