"""E-mails: one small function per kind, over three templates each:
``templates/emails/<name>_subject.txt``, ``<name>_body.txt`` and ``<name>_body.html``.

Every e-mail goes through the outbox (:mod:`arshjul.outbox`), in Swedish unless a language is
given; links in them are absolute, built from ``SITE_URL``.
"""

import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .branding import branding
from .outbox import Attachment, RenderedMail, outbox_queue


def absolute_url(path_or_name: str, *args) -> str:
    """An absolute link for an e-mail or PDF: a URL name (with args), a path on this site,
    or an address elsewhere (returned as it is)."""
    if path_or_name.startswith(("http://", "https://")):
        return path_or_name
    path = path_or_name if path_or_name.startswith("/") else reverse(path_or_name, args=args)
    return settings.SITE_URL.rstrip("/") + path


def make_message(name: str, context: dict, *, language: str = "sv", attachments=()) -> RenderedMail:
    """Render the three templates of e-mail ``name``; the plain-text part is always there.
    Every e-mail is from the organiser (:mod:`arshjul.lib.branding`): its name as sender, its
    reply address, and its signature under the text."""
    sender = branding()
    context = {
        "site_url": settings.SITE_URL.rstrip("/"),
        "home_url": absolute_url("/"),
        "branding": sender,
        **context,
    }
    with translation.override(language):
        subject = render_to_string(f"emails/{name}_subject.txt", context)
        body_text = render_to_string(f"emails/{name}_body.txt", context)
        body_html = render_to_string(f"emails/{name}_body.html", context)
        sent_by = render_to_string("emails/includes/signature.txt", context)
    return RenderedMail(
        subject=" ".join(subject.split()),  # one line, whatever the template's whitespace
        body_text=body_text.strip() + "\n\n" + sent_by.strip() + "\n",
        body_html=body_html,
        attachments=list(attachments),
        sender_name=sender.organiser,
        reply_to=sender.reply_to,
    )


def send_test_email(*, to: str, requested_by: str = "") -> "OutgoingMail":  # noqa: F821
    """A test message staff send from the admin to check that e-mail reaches people."""
    now = timezone.now()
    mail = make_message("test", {"requested_by": requested_by, "now": now})
    return outbox_queue(
        kind="test",
        to=to,
        mail=mail,
        dedup_key=f"test:{to}:{uuid.uuid4()}",  # every request is a new message
    )


__all__ = ["Attachment", "absolute_url", "make_message", "send_test_email"]
