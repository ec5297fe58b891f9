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
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

# The query parameter that carries a personal link's token.
PARAMETER = "nyckel"


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


def token_path(url_name: str, token: str) -> str:
    """The address a personal link opens: the page, with the token in its query."""
    return reverse(url_name) + "?" + urlencode({PARAMETER: token})


def token_from(request) -> str:
    """The token a request came with (in a form posted from the page, or the address)."""
    return request.POST.get(PARAMETER) or request.GET.get(PARAMETER) or ""


def personal_page(response):
    """A page whose address carries a token: requests from it name only our origin. (Not
    "no-referrer": browsers then send "Origin: null" with the form, which CSRF refuses.)"""
    response["Referrer-Policy"] = "origin"
    return response
