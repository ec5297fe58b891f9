"""The lägesbild's domain errors (:mod:`arshjul.errors`)."""

from arshjul.errors import DomainError, Refused


class PictureError(DomainError):
    """Something the lägesbild's rules refuse; shown as a form error or a message."""


class PictureRefused(PictureError, Refused):
    """Not allowed now."""
