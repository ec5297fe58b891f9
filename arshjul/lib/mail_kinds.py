"""What each kind of e-mail in the outbox is called, for staff (a registry: apps name their
own kinds in ``AppConfig.ready()``). The outbox stores the kind as a code; staff read this."""

from .registry import Registry

kinds = Registry("kind of e-mail")


def mail_kinds_register(labels: dict) -> None:
    """``mail_kinds_register({"participant_waiting": _("Participant on the waiting list")})``"""
    for kind, label in labels.items():
        kinds.register(label, name=kind)


def mail_kind_label(kind: str) -> str:
    return str(kinds.get(kind)) if kind in kinds else kind


def mail_kind_choices() -> list[tuple[str, str]]:
    return sorted(((k, str(kinds.get(k))) for k in kinds.names()), key=lambda c: c[1])
