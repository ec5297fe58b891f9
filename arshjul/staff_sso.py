"""Staff single sign-on with the region's identity provider (OpenID Connect).

On when ``OIDC_ISSUER_URL`` and ``OIDC_CLIENT_ID`` are set. The provider's endpoints come from
its discovery document, read at the first sign-in and kept in the shared cache. A person is
known by the provider's ``sub`` (their account's user name is made from the issuer and
``sub``, so a changed e-mail address is still the same account); the provider's groups decide
their staff role at every sign-in (``staff_roles_apply``). Local passwords may be kept for the
break-glass superuser only (``arshjul.lib.staff_login``).
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from .lib import staff_login
from .roles import EDITOR, READER

logger = logging.getLogger(__name__)

DISCOVERY_CACHE_SECONDS = 60 * 60
USERNAME_PREFIX = "sso-"


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read (or does not name the issuer)."""


def enabled() -> bool:
    """Whether staff may sign in through the provider: its issuer and our client id are set."""
    return staff_login.single_sign_on_enabled()


def provider() -> dict:
    """The provider's discovery document (endpoints, keys' address), from the shared cache
    or, the first time, from ``<issuer>/.well-known/openid-configuration``."""
    issuer = settings.OIDC_ISSUER_URL
    key = "oidc-discovery:" + hashlib.sha256(issuer.encode()).hexdigest()
    document = cache.get(key)
    if document is not None:
        return document
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("The identity provider's discovery document could not be read: %s", exc)
        raise ProviderUnavailable(url) from exc
    # OpenID Connect Discovery 1.0, 4.3: the document names the issuer it was asked for.
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        logger.warning("The identity provider's discovery document names another issuer.")
        raise ProviderUnavailable(url)
    required = ["authorization_endpoint", "token_endpoint", "jwks_uri"]
    if any(not document.get(name) for name in required):
        logger.warning("The identity provider's discovery document lacks an endpoint.")
        raise ProviderUnavailable(url)
    cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def username_for(*, issuer: str, sub: str) -> str:
    """The user name of the provider's person ``sub``: the same for as long as the provider
    knows them (whatever their e-mail address becomes), and saying nothing about them."""
    digest = hashlib.sha256(f"{issuer}\n{sub}".encode()).hexdigest()
    return f"{USERNAME_PREFIX}{digest[:40]}"


def groups_in(claims: dict) -> list[str]:
    """The groups the claims carry (``OIDC_GROUPS_CLAIM``): a list, or one name."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    return [str(group) for group in value if isinstance(group, str | int)]


def role_for(groups: Iterable[str]) -> str | None:
    """The staff role the provider's groups give: Redaktör for a group in
    ``OIDC_EDITOR_GROUPS`` (whatever else the person is in), else Läsare for one in
    ``OIDC_READER_GROUPS``, else none."""
    groups = set(groups)
    if groups & set(settings.OIDC_EDITOR_GROUPS):
        return EDITOR
    if groups & set(settings.OIDC_READER_GROUPS):
        return READER
    return None


def staff_roles_apply(*, user, role: str | None) -> None:
    """Give the user exactly this staff role (or none): the other role taken away, staff
    access (``is_staff``) only with a role. A superuser is never changed through sign-on:
    their rights are set by hand, and they are the way in when the provider fails. Groups
    other than the roles are left as a superuser set them."""
    if user.is_superuser:
        return
    roles = {group.name: group for group in Group.objects.filter(name__in=[EDITOR, READER])}
    user.groups.remove(*[group for name, group in roles.items() if name != role])
    if role is not None:
        user.groups.add(roles[role])
    if user.is_staff != (role is not None):
        user.is_staff = role is not None
        user.save(update_fields=["is_staff"])


@dataclass
class SignIn:
    """What a sign-in through the provider came to: the user to sign in, or why not."""

    user: object | None
    refusal: str = ""  # "no-role": signed in at the provider, but no staff role here


@transaction.atomic
def staff_sign_in(*, claims: dict) -> SignIn:
    """The staff member the provider's verified claims name, with the role their groups give
    now. Someone known who has lost their group loses their role and is refused; someone
    unknown with no mapped group is refused without an account being made."""
    User = get_user_model()
    username = username_for(issuer=settings.OIDC_ISSUER_URL, sub=str(claims["sub"]))
    role = role_for(groups_in(claims))
    user = User.objects.filter(username=username).first()
    if user is None:
        if role is None:
            return SignIn(None, refusal="no-role")
        # get_or_create: two first sign-ins at once (two tabs) make one account.
        user, _created = User.objects.get_or_create(
            username=username, defaults={"password": make_password(None)}
        )
    details = {
        "email": str(claims.get("email") or "")[:254],
        "first_name": str(claims.get("given_name") or "")[:150],
        "last_name": str(claims.get("family_name") or "")[:150],
    }
    if not details["first_name"] and not details["last_name"]:
        details["first_name"] = str(claims.get("name") or "")[:150]
    for field, value in details.items():
        if value:
            setattr(user, field, value)
    user.save()
    staff_roles_apply(user=user, role=role)
    if not user.is_staff:
        return SignIn(None, refusal="no-role")
    return SignIn(user)


def access_contact() -> dict:
    """Whom someone without staff access should ask: an e-mail address (a link is made) or
    words; empty when not configured (the page says it in general terms)."""
    contact = settings.STAFF_ACCESS_CONTACT.strip()
    if contact and "@" in contact and " " not in contact:
        return {"email": contact, "text": ""}
    return {"email": "", "text": contact}


def signed_in_through_provider(request) -> bool:
    """Whether this session began at the provider (and so is ended there too): a staff
    member it signed in, or someone it signed in whom we refused."""
    if not request.session.get("oidc_id_token"):
        return False
    backend = request.session.get(BACKEND_SESSION_KEY)
    return not request.user.is_authenticated or backend == "arshjul.oidc.StaffBackend"


def provider_logout_url(request) -> str:
    """Where a signed-in staff member goes to sign out: the provider's end of session
    (RP-initiated logout, with the ID token as a hint and back to our login page) when it
    offers one, else our login page. Read before the session is ended."""
    back = request.build_absolute_uri(reverse("admin:login"))
    id_token = request.session.get("oidc_id_token")
    if not (enabled() and id_token):
        return back
    try:
        end_session = provider().get("end_session_endpoint")
    except ProviderUnavailable:
        return back
    if not end_session:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{end_session}{'&' if '?' in end_session else '?'}{query}"
