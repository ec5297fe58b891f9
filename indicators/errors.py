"""The indicators' domain errors (:mod:`arshjul.errors`), and the one error that is not
domain: Kolada out of reach."""

from arshjul.errors import DomainError


class IndicatorError(DomainError):
    """Something the indicators' rules refuse; the message says why, for staff."""


class ValuesError(IndicatorError):
    """Values that cannot be imported: nothing of them is stored."""


class KoladaError(ValuesError):
    """A Kolada answer (a page fetched or a file downloaded) that cannot be read as values,
    or names a KPI or a place we do not have: nothing from it is stored."""


class KoladaUnreachable(Exception):
    """A fetch from Kolada's API that failed on the way — no address set, the network, a
    timeout, an answer that is not JSON, a next page elsewhere, too many pages. Not a domain
    error: nothing staff gave is wrong, and the same fetch may work later; the fetch records
    the message and nothing is stored."""
