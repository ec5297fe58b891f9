"""Nothing irreversible from one click: what mails many people, or makes something public,
first shows what will happen — how many, and the e-mail itself as its first recipient gets
it — and acts only on a second, confirming POST, once.

- :func:`rehearse` runs the real send (the same service, ``make_message`` and
  ``outbox_queue``) in a transaction that is rolled back: the e-mails it would queue, with
  none queued and nothing changed. The count and the preview are those of the send itself,
  not of a copy of its rules.
- A confirmation carries a signed key bound to what was shown (:func:`confirmation_key`);
  :func:`confirmed` returns the key's ``once`` only for a POST that confirms exactly that.
  Services that send "again" by design put ``once`` in their deduplication keys, so that a
  second POST of the same confirmation (a double click, a reload) queues nothing more; the
  others are sent once by their own rule already.
- :func:`confirmation_page` shows it (``templates/admin/confirmation.html``), and
  :func:`action_confirmed` makes an admin action ask first, as Django's delete does.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import signing
from django.db import transaction
from django.template.response import TemplateResponse

from .outbox import outbox_watched
from .tokens import personal_links_masked

FIELD = "confirmation"  # the POST field that carries a confirmation's key
_SALT = "arshjul.confirm"
# A confirmation page left open longer than this asks again (with the figures of then).
MAX_AGE_SECONDS = 12 * 3600


@dataclass
class Rehearsal:
    """What a send would do: its result and the e-mails it would queue (none is queued)."""

    result: Any
    mails: list = field(default_factory=list)  # OutgoingMail rows as they would be stored

    @property
    def count(self) -> int:
        return len(self.mails)

    @property
    def recipients(self) -> list[str]:
        return list(dict.fromkeys(mail.to for mail in self.mails))

    @property
    def preview(self):
        return self.mails[0] if self.mails else None

    @property
    def preview_text(self) -> str:
        """The first e-mail's text as staff may read it: personal links masked."""
        return personal_links_masked(self.preview.body_text) if self.preview else ""


def rehearse(send: Callable[[], Any]) -> Rehearsal:
    """Run ``send`` and undo it: every write rolled back, and the tasks it queued on commit
    dropped with the transaction. Returns its result and the e-mails it would have queued."""
    with outbox_watched() as queued, transaction.atomic():
        result = send()
        transaction.set_rollback(True)
    return Rehearsal(result, list(queued))


@dataclass
class Confirmation:
    """What a confirmation page says: what happens, in sentences (the count among them), the
    e-mail it sends (a rehearsal), or a table of what becomes public."""

    title: str
    lead: list[str]
    button: str  # what the confirming button does: "Skicka 12 inbjudningar"
    rehearsal: Rehearsal | None = None
    warnings: list[str] = field(default_factory=list)
    table_caption: str = ""
    table_header: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)


def _digest(fingerprint: str) -> str:
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


def confirmation_key(fingerprint: str) -> str:
    """A new key for a confirmation of ``fingerprint`` (a text naming exactly what is done:
    the action, the rows, the message): signed, so that only this site makes one."""
    once = secrets.token_urlsafe(12)
    return signing.dumps({"what": _digest(fingerprint), "once": once}, salt=_SALT)


def key_once(key: str) -> str:
    return signing.loads(key, salt=_SALT)["once"]


def confirmed(request, fingerprint: str) -> str | None:
    """The ``once`` of a POST that confirms exactly ``fingerprint`` with a key this site made
    in the last MAX_AGE_SECONDS; None for anything else (which then shows what will happen)."""
    if request.method != "POST":
        return None
    key = request.POST.get(FIELD, "")
    if not key or len(key) > 500:
        return None
    try:
        data = signing.loads(key, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("what") != _digest(fingerprint):
        return None
    return str(data.get("once", "")) or None


def confirmation_page(
    request,
    model_admin,
    confirmation: Confirmation,
    *,
    key: str,
    hidden: list[tuple[str, str]],
    back_url: str,
    action_url: str = "",
) -> TemplateResponse:
    """The page that asks: what happens, the preview, and one button that confirms (its
    form posts ``hidden`` and the key to ``action_url``, this address by default)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": confirmation.title,
        "confirmation": confirmation,
        "key_field": FIELD,
        "key": key,
        "hidden": hidden,
        "back_url": back_url,
        "action_url": action_url,
    }
    return TemplateResponse(request, "admin/confirmation.html", context)


def action_confirmed(
    model_admin,
    request,
    queryset,
    *,
    confirmation: Callable[[str], Confirmation | None],
    act: Callable[[str], Any],
    variant: str = "",
):
    """An admin action in two POSTs. The first (from the list) shows the page of
    ``confirmation(once)`` — which returns None, having said why in a message, when there is
    nothing to do; the second, from that page, calls ``act(once)`` and goes back to the list.
    ``variant`` names a choice posted with the action (e.g. "preliminary") that is part of
    what is confirmed."""
    pks = sorted(str(pk) for pk in queryset.values_list("pk", flat=True))
    action = request.POST.get("action", "")
    fingerprint = ":".join(
        [queryset.model._meta.label, action, ",".join(pks), variant, str(request.user.pk)]
    )
    once = confirmed(request, fingerprint)
    if once is not None:
        act(once)
        return None
    key = confirmation_key(fingerprint)
    shown = confirmation(key_once(key))
    if shown is None:
        return None
    hidden = [("action", action), *[(ACTION_CHECKBOX_NAME, pk) for pk in pks]]
    if variant:
        hidden.append(("variant", variant))
    return confirmation_page(
        request,
        model_admin,
        shown,
        key=key,
        hidden=hidden,
        back_url=request.get_full_path(),
    )
