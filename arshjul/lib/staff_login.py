"""The staff login's lock against guessing passwords.

Failed attempts are counted in the shared cache per (user name, network address) and per
network address — each attempt before its password is tried, a successful one forgiven.
Past either limit that pair (or address) is refused without trying the password until the
window ends. The lock is keyed by the address too, so someone guessing a
named person's password from elsewhere never locks that person out.

With staff signing in through the region's identity provider, local passwords may be kept
for superusers only (STAFF_PASSWORD_LOGIN=superusers): the way in when the provider fails."""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import ratelimit


def _keys(username: str, ip: str) -> list[tuple[str, str, int]]:
    return [
        (
            "staff-login",
            f"{(username or '').strip().lower()}|{ip}",
            settings.STAFF_LOGIN_MAX_FAILURES,
        ),
        ("staff-login-ip", ip, settings.STAFF_LOGIN_MAX_FAILURES_PER_IP),
    ]


def attempt(*, username: str, ip: str) -> bool:
    """Count an attempt before the password is tried (atomically, so that parallel guesses
    are counted too); False when the pair or the address has used up its attempts."""
    window = settings.STAFF_LOGIN_WINDOW_SECONDS
    results = [
        ratelimit.hit(scope, key, limit=limit, window=window)
        for scope, key, limit in _keys(username, ip)
    ]
    return all(results)


def succeeded(*, username: str, ip: str) -> None:
    """A right password: its attempt does not count against the person."""
    window = settings.STAFF_LOGIN_WINDOW_SECONDS
    for scope, key, _limit in _keys(username, ip):
        ratelimit.forgive(scope, key, window=window)


def single_sign_on_enabled() -> bool:
    """Whether staff may sign in through the region's identity provider (arshjul.staff_sso):
    its issuer and our client id are set."""
    return bool(settings.OIDC_ISSUER_URL and settings.OIDC_RP_CLIENT_ID)


def passwords_limited() -> bool:
    """Whether local passwords are kept for the break-glass superusers only."""
    return settings.STAFF_PASSWORD_LOGIN == "superusers"  # noqa: S105 (a mode, not a password)


def password_sign_in_allowed(user) -> bool:
    """Whether this person may sign in with a local password: anyone, unless passwords are
    kept for the break-glass superusers only."""
    return user.is_superuser or not passwords_limited()


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing (without checking the password) while locked."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked": _(
            "Too many failed attempts to sign in. Wait a quarter of an hour and try again."
        ),
        "passwords_off": _(
            "Staff no longer sign in with a password here: sign in with the region's account. "
            "Only the administrator's emergency account signs in with a password."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if single_sign_on_enabled():
            # The region's account comes first on the page: the keyboard starts there.
            self.fields["username"].widget.attrs.pop("autofocus", None)

    def confirm_login_allowed(self, user):
        # As Django's own checks (inactive, not staff): told only once the password is right,
        # and counted as a failed attempt.
        super().confirm_login_allowed(user)
        if not password_sign_in_allowed(user):
            raise ValidationError(self.error_messages["passwords_off"], code="passwords_off")

    def clean(self):
        username = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request)
        if not attempt(username=username, ip=ip):
            raise ValidationError(self.error_messages["locked"], code="locked")
        data = super().clean()
        succeeded(username=username, ip=ip)
        return data
