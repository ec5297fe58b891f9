"""The follow-up report's domain error (:mod:`arshjul.errors`)."""

from arshjul.errors import DomainError


class FollowupError(DomainError):
    """Something the report's rules refuse; the message says why, for staff."""
