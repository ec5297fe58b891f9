"""The kinds of PDF apps make (a registry; see :mod:`arshjul.lib.pdf_jobs`).

A *kind* is a function registered with :func:`pdf_kind`; it gets the job (with its
parameters) and a ``progress(percent)`` callback, and returns the file name and the PDF bytes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from .registry import Registry

Progress = Callable[[int], None]
Builder = Callable[[object, Progress], tuple[str, bytes]]


class UnknownPdfKind(ValueError):
    pass


@dataclass(frozen=True)
class PdfKind:
    name: str
    label: str
    build: Builder
    # The form staff fill in to start one; its to_parameters() gives the job's parameters.
    form: type | None = None
    # What one job is about, in staff's words ("Arbetsmöte, 13 januari 2027"), from its
    # parameters: stored with the job when it starts, so its list reads without a query a row.
    about: Callable[[dict], str] | None = None


kinds = Registry("kind of PDF")


def pdf_kind(name: str, label, *, form: type | None = None, about=None):
    """Register a kind of PDF: ``@pdf_kind("coordinator_list", _("Coordinators"), form=…,
    about=…)``."""

    def register(build: Builder) -> Builder:
        kinds.register(PdfKind(name, label, build, form, about), name=name)
        return build

    return register


def kind_get(name: str) -> PdfKind:
    if name not in kinds:
        raise UnknownPdfKind(name)
    return kinds.get(name)


def kind_about(name: str, parameters: dict) -> str:
    """What a job of this kind with these parameters is about, in words ("" if unsaid)."""
    kind = kinds.get(name) if name in kinds else None
    if kind is None or kind.about is None:
        return ""
    try:
        return str(kind.about(parameters))[:300]
    except (KeyError, LookupError, ObjectDoesNotExist):
        return ""


def kind_label(name: str) -> str:
    return str(kinds.get(name).label) if name in kinds else name
