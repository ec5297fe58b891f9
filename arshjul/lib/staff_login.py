"""The staff login's lock against guessing passwords.

Failed attempts are counted in the shared cache per (user name, network address) and per
network address. Past either limit that pair (or address) is refused without trying the
password until the window ends. The lock is keyed by the address too, so someone guessing a
named person's password from elsewhere never locks that person out."""

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


def is_locked(*, username: str, ip: str) -> bool:
    window = settings.STAFF_LOGIN_WINDOW_SECONDS
    return any(
        ratelimit.count(scope, key, window=window) >= limit
        for scope, key, limit in _keys(username, ip)
    )


def record_failure(*, username: str, ip: str) -> None:
    window = settings.STAFF_LOGIN_WINDOW_SECONDS
    for scope, key, limit in _keys(username, ip):
        ratelimit.hit(scope, key, limit=limit, window=window)


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing (without checking the password) while locked."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked": _(
            "Too many failed attempts to sign in. Wait a quarter of an hour and try again."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request)
        if is_locked(username=username, ip=ip):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            return super().clean()
        except ValidationError:
            record_failure(username=username, ip=ip)
            raise
