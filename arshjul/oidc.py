"""mozilla-django-oidc fitted to staff sign-on (the rules are in arshjul.staff_sso): the
provider's endpoints read lazily from its discovery document, ID tokens checked in full
(signature by the provider's keys, issuer, audience, expiry), and every refusal ending on a
page in Swedish, never an error 500.

The views answer 404 while sign-on is off, so nothing changes for a site without it."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import admin, auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh

from . import staff_sso

logger = logging.getLogger(__name__)

# Clocks differ a little between the provider and us.
LEEWAY_SECONDS = 60
# The provider's answers to a silent check (prompt=none) when its own session is over.
SESSION_ENDED = {"login_required", "interaction_required", "consent_required"}
PROVIDER_DOWN = gettext_lazy(
    "The region's sign-in service does not answer just now. Try again in a while, or tell "
    "your IT support."
)


class StaffBackend(OIDCAuthenticationBackend):
    """Signs staff in from the provider's verified claims (``staff_sso.staff_sign_in``)."""

    def __init__(self, *args, **kwargs):
        # Nothing is read from the provider here: a backend is made for every request of a
        # signed-in person.
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 (the library's name)
        return staff_sso.provider()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return staff_sso.provider().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return staff_sso.provider()["jwks_uri"]

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce: a password sign-in never reaches the provider.
        if request is None or "nonce" not in kwargs or not staff_sso.enabled():
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The ID token: signed by the provider's key with RS256, for us, by our issuer, not
        expired. (The library checks the signature alone.)"""
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=staff_sso.provider()["issuer"],
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"The ID token was refused: {type(exc).__name__}") from exc

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with the user info endpoint's beside them when the provider
        has one (Entra ID puts groups in the token only, others in user info only)."""
        claims = {}
        if self.OIDC_OP_USER_ENDPOINT:
            claims = super().get_userinfo(access_token, id_token, payload)
            if str(claims.get("sub")) != str(payload["sub"]):
                raise SuspiciousOperation("The user info is about someone else.")
        return {**claims, **payload}

    def get_user(self, user_id):
        # Django's own check: a deactivated account's session ends.
        return ModelBackend.get_user(self, user_id)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        outcome = staff_sso.staff_sign_in(claims=claims)
        self.request.staff_sso_refusal = outcome.refusal
        return outcome.user


class AuthenticationRequestView(oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider's sign-in (``/oidc/authenticate/?next=…``)."""

    def __init__(self, *args, **kwargs):
        oidc_views.View.__init__(self, *args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not staff_sso.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = staff_sso.provider()["authorization_endpoint"]
        except staff_sso.ProviderUnavailable:
            messages.error(request, PROVIDER_DOWN)
            return HttpResponseRedirect(reverse("admin:login"))
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signed in with a staff role, or a page
    that says in Swedish why not."""

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next")
        return next_url or resolve_url("admin:index")

    def get(self, request):
        if not staff_sso.enabled():
            raise Http404
        try:
            return super().get(request)
        except staff_sso.ProviderUnavailable:
            return self.refused(PROVIDER_DOWN)
        except (SuspiciousOperation, requests.RequestException, KeyError, ValueError) as exc:
            # A state not ours, a code the provider would not exchange, a refused token:
            # say so, without the details (they may carry a token).
            logger.warning("A sign-in through the identity provider was refused: %s", exc)
            return self.refused(
                _("The sign-in through the region's account could not be completed. Try again.")
            )

    def login_failure(self):
        request = self.request
        if getattr(request, "staff_sso_refusal", "") == "no-role" or (
            getattr(self, "user", None) is not None and not self.user.is_active
        ):
            if request.user.is_authenticated:
                auth.logout(request)
            return render(
                request,
                "admin/sso_no_access.html",
                {
                    **admin.site.each_context(request),
                    "title": _("You have no access to the administration"),
                    "contact": staff_sso.access_contact(),
                },
                status=403,
            )
        if request.GET.get("error") in SESSION_ENDED:
            return self.refused(
                _("Your session with the region's account has ended. Sign in again."),
                logout=False,
            )
        if request.GET.get("error"):
            return self.refused(
                _("The region's sign-in service did not sign you in. Try again."), logout=False
            )
        return self.refused(
            _("The sign-in through the region's account could not be completed. Try again.")
        )

    def refused(self, message, logout=True):
        if logout and self.request.user.is_authenticated:
            auth.logout(self.request)
        messages.error(self.request, message)
        return HttpResponseRedirect(reverse("admin:login"))


class StaffSessionRefresh(SessionRefresh):
    """Checks again with the provider, without a word to the person (``prompt=none``), once
    the ID token's time (``OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS``) is up: the callback then sets
    the role from the groups as at a sign-in, so someone taken out of the group loses the role
    within that time, not only at their next sign-in. Only for sessions begun at the provider,
    on pages read (GET); nothing while sign-on is off."""

    def __init__(self, get_response):
        super(SessionRefresh, self).__init__(get_response)
        self.OIDC_EXEMPT_URLS = ["/admin/logout/", "/admin/login/"]
        self.OIDC_STATE_SIZE = 32
        self.OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
        self.OIDC_USE_NONCE = True
        self.OIDC_NONCE_SIZE = 32

    # Read when asked (the library reads them once, at start-up).
    @property
    def OIDC_OP_AUTHORIZATION_ENDPOINT(self):  # noqa: N802 (the library's name)
        return staff_sso.provider()["authorization_endpoint"]

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_SCOPES(self):  # noqa: N802
        return settings.OIDC_RP_SCOPES

    def is_refreshable_url(self, request):
        # Cheap checks first: a visitor without a session is not made to load one (a page
        # that reads the session varies by cookie, and is not shared from the page cache).
        if not (
            staff_sso.enabled()
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return False
        backend = request.session.get(auth.BACKEND_SESSION_KEY)
        return backend == "arshjul.oidc.StaffBackend" and super().is_refreshable_url(request)

    def process_request(self, request):
        try:
            return super().process_request(request)
        except staff_sso.ProviderUnavailable:
            return None  # asked again at the next page; the admin goes on meanwhile


def _sign_out_at_the_provider(request):
    url = staff_sso.provider_logout_url(request)
    auth.logout(request)
    return HttpResponseRedirect(url)


@never_cache
def staff_logout(request):
    """The admin's "Logga ut" (``/admin/logout/``): a session begun at the provider is ended
    there too (also the session of someone it signed in but we refused, so that they can
    sign in as someone else); everyone else is signed out as the admin always did."""
    if request.method == "POST" and staff_sso.signed_in_through_provider(request):
        return _sign_out_at_the_provider(request)
    return admin.site.admin_view(admin.site.logout)(request)


@never_cache
@require_POST
def provider_logout(request):
    """``/oidc/logout/``: signed out here, and at the provider for a session begun there;
    then the admin's login page."""
    if staff_sso.signed_in_through_provider(request):
        return _sign_out_at_the_provider(request)
    auth.logout(request)
    return HttpResponseRedirect(reverse("admin:login"))


def _while_enabled(view):
    def wrapped(request, *args, **kwargs):
        if not staff_sso.enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
    path("authenticate/", AuthenticationRequestView.as_view(), name="oidc_authentication_init"),
    path("logout/", _while_enabled(provider_logout), name="oidc_logout"),
]
