"""Personal links (an invitee's, or someone's who signed up themselves).

A link's token is derived from a random nonce kept on the row and the site's SECRET_KEY
(HMAC-SHA256, 192 bits): the same link can be sent again (a reminder, "here is your link
again") without the database holding it, and a copy of the database alone opens nothing.
Rows are found by the token's SHA-256. A new nonce replaces a leaked link.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def _derive(kind: str, nonce: str) -> str:
    mac = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{nonce}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:24]).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def personal_token(row, kind: str, *, renew: bool = False) -> str:
    """The row's token (made on first use, or anew with ``renew``); sets ``token_nonce`` and
    ``token_hash`` on the row, which the caller saves."""
    if renew or not row.token_nonce:
        row.token_nonce = secrets.token_hex(16)
    token = _derive(kind, row.token_nonce)
    row.token_hash = token_hash(token)
    return token
