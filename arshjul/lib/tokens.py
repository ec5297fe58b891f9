"""Personal links (an invitee's, or someone's who signed up themselves).

A link's token is derived from a random nonce kept on the row and the site's SECRET_KEY
(HMAC-SHA256, 192 bits): the same link can be sent again (a reminder, "here is your link
again") without the database holding it, and a copy of the database alone opens nothing.
Rows are found by the token's SHA-256. A new nonce replaces a leaked link.
"""

import base64
import hashlib
import hmac
import re
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

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


# What a masked token reads as.
MASKED = "•••"


def _token_parameters() -> list[str]:
    """Every query parameter that carries a way in: our personal links' and the coordinators'
    one-time sign-in links' (django-sesame's)."""
    return [PARAMETER, getattr(settings, "SESAME_TOKEN_NAME", "sesame")]


def personal_links_masked(text: str) -> str:
    """``text`` (an e-mail as staff read it) with every personal link's token replaced by
    ``MASKED``, and each such address marked as a hidden personal link.

    Staff send a personal link again with the admin's actions; reading it would let them act
    as its owner. A link is recognised by what it carries (a token parameter), not by the
    kind of e-mail, so that a new kind of e-mail with a personal link is masked too."""
    names = "|".join(re.escape(name) for name in _token_parameters())
    token = re.compile(rf"(?<=[?&;])((?:{names})=)[^&#\s\"'<>]+")
    hidden = gettext("personal link, hidden")

    def address(match) -> str:
        masked = token.sub(rf"\g<1>{MASKED}", match.group(0))
        return masked if masked == match.group(0) else f"{masked} ({hidden})"

    text = re.sub(r"https?://[^\s\"'<>]+", address, text)
    return token.sub(rf"\g<1>{MASKED}", text)  # one outside an address (a relative link)


def token_from(request) -> str:
    """The token a request came with (in a form posted from the page, or the address)."""
    return request.POST.get(PARAMETER) or request.GET.get(PARAMETER) or ""


def personal_page(response):
    """A page whose address carries a token: requests from it name only our origin. (Not
    "no-referrer": browsers then send "Origin: null" with the form, which CSRF refuses.)"""
    response["Referrer-Policy"] = "origin"
    return response
