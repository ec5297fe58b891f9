"""Passwordless sign-in for coordinators.

A coordinator gives an e-mail address; if it belongs to a coordinator of an active
organisation in a published cycle that is still running, a one-time link (valid
SESAME_MAX_AGE seconds, used once) is sent through the outbox. The answer is the same whether
the address is known or not. Requests are rate-limited per address and per network address.
Each coordinator e-mail address signs in as one Django user (no password, never staff).
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from sesame.utils import get_query_string

from arshjul.models import Coordinator, Cycle
from arshjul.sweeps import sweep
from meetings.models import Meeting

from . import emails
from .models import SignInRequest


class TooManyRequests(Exception):
    """Too many sign-in links were asked for, for this address or from this network."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _email_hash(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def running_cycles():
    """Published cycles with a meeting still ahead: those a coordinator can act in."""
    ahead = Meeting.objects.filter(cycle=OuterRef("pk"), date__gte=timezone.localdate())
    return Cycle.objects.published().filter(Exists(ahead))


def coordinators_for_email(email: str):
    """The coordinator appointments an address holds: active organisations, running cycles."""
    return (
        Coordinator.objects.filter(
            email__iexact=normalise_email(email),
            organisation__active=True,
            cycle__in=running_cycles(),
        )
        .select_related("organisation", "cycle")
        .order_by("-cycle__year", "organisation__name")
    )


def coordinator_user(email: str):
    """The user a coordinator address signs in as (made on first use). None for an address
    that belongs to a staff account: staff sign in with their password."""
    email = normalise_email(email)
    user, _ = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "is_active": True}
    )
    if user.is_staff or user.is_superuser or not user.is_active:
        return None
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def signin_url(user) -> str:
    """An absolute one-time sign-in link for ``user``."""
    path = reverse("registrations:signin-link") + get_query_string(user)
    return settings.SITE_URL.rstrip("/") + path


def signin_target(email: str):
    """(user, appointments) for an address that may sign in as coordinator, else None."""
    coordinators = list(coordinators_for_email(email))
    if not coordinators:
        return None
    user = coordinator_user(email)
    return (user, coordinators) if user is not None else None


def signin_link_send(email: str) -> bool:
    """Send a sign-in link through the outbox if the address may sign in; say whether."""
    target = signin_target(email)
    if target is None:
        return False
    user, coordinators = target
    emails.signin_link(user=user, url=signin_url(user), coordinators=coordinators)
    return True


def signin_request(*, email: str, ip_address: str | None) -> None:
    """Send a sign-in link if ``email`` is a coordinator's; say nothing either way.

    Raises :class:`TooManyRequests` (and sends nothing) past the limits."""
    email = normalise_email(email)
    now = timezone.now()
    since = now - datetime.timedelta(seconds=settings.SIGNIN_RATE_WINDOW_SECONDS)
    with transaction.atomic():
        recent = SignInRequest.objects.filter(created_at__gte=since)
        if recent.filter(email_hash=_email_hash(email)).count() >= settings.SIGNIN_MAX_PER_ADDRESS:
            raise TooManyRequests
        if (
            ip_address
            and recent.filter(ip_address=ip_address).count() >= settings.SIGNIN_MAX_PER_IP
        ):
            raise TooManyRequests
        SignInRequest.objects.create(email_hash=_email_hash(email), ip_address=ip_address)
        signin_link_send(email)


@sweep("signin-requests")
def signin_requests_purge() -> int:
    """Forget sign-in requests after a day: they exist only for rate limiting."""
    deleted, _ = SignInRequest.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(days=1)
    ).delete()
    return deleted
