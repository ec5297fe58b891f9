"""The workshop notes' domain errors (:mod:`arshjul.errors`)."""

from arshjul.errors import DomainError, Refused


class NotesError(DomainError):
    """Something the workshop notes' rules refuse; shown as a form error."""


class NotesRefused(NotesError, Refused):
    """Not allowed now: the notes are closed to the scribes."""
