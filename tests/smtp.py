"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), which can be told to answer
"try again later" or "no such mailbox" like a real one."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """The handler: keeps what was delivered; scripted refusals come first."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.data_replies: list[str] = []  # e.g. ["451 4.3.0 Try again later"], used in order
        self.rcpt_reply: str | None = None  # e.g. "550 5.1.1 Mailbox unavailable"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
