"""Passwordless sign-in for coordinators.

A coordinator gives an e-mail address; if it belongs to a coordinator of an active
organisation in a published cycle that is still running, a one-time link (valid
SESAME_MAX_AGE seconds, used once) is sent through the outbox.

Nobody can learn from the answer whether an address is known, whatever is down: the web
request does the same for every address — count it against the limits, store a
:class:`~registrations.models.SignInRequest`, queue a task — and a worker looks the address
up and sends the link. Past the per-address limit no more links are sent (the answer is
the same), so nobody can shut another person out: the links already sent still work. Past
the per-network-address limit the visitor is asked to wait. A link that could not be sent
within its lifetime is never sent late.

Each coordinator e-mail address signs in as one Django user (no password, never staff).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from sesame.utils import get_query_string, get_user

from arshjul.lib import ratelimit
from arshjul.lib.background import enqueue_on_commit
from arshjul.lib.sweeps import sweep
from arshjul.lib.validators import normalise_email
from arshjul.models import Coordinator, Cycle
from meetings.models import Meeting

from . import emails
from .models import SignInRequest


class TooManyRequests(Exception):
    """Too many sign-in links were asked for from this network address."""


# The task that sends the link for one request (registrations.tasks): named here, where it is
# queued.
PROCESS_TASK = "registrations.tasks.signin_request_process"


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


def _link_lifetime() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SESAME_MAX_AGE)


def signin_link_send(email: str) -> bool:
    """Send a sign-in link through the outbox if the address may sign in; say whether. The
    e-mail is not sent at all once the link in it would no longer work."""
    target = signin_target(email)
    if target is None:
        return False
    user, coordinators = target
    emails.signin_link(
        user=user,
        url=signin_url(user),
        coordinators=coordinators,
        expires_at=timezone.now() + _link_lifetime(),
    )
    return True


def signin_request(*, email: str, ip_address: str) -> None:
    """Take a request for a sign-in link: the same work whether or not ``email`` is known.

    Raises :class:`TooManyRequests` past the limit for the network address."""
    window = settings.SIGNIN_RATE_WINDOW_SECONDS
    if not ratelimit.hit("signin-ip", ip_address, limit=settings.SIGNIN_MAX_PER_IP, window=window):
        raise TooManyRequests
    email = normalise_email(email)
    if not ratelimit.hit(
        "signin-address", email, limit=settings.SIGNIN_MAX_PER_ADDRESS, window=window
    ):
        return  # enough links are on their way to this address; say nothing different
    with transaction.atomic():
        request = SignInRequest.objects.create(email=email)
        enqueue_on_commit(PROCESS_TASK, request.pk)


def signin_request_process(*, request_id: int) -> bool:
    """In a worker: look the address up and send a link if it may sign in. Each request is
    handled once (claimed by deleting it, in the same transaction as the e-mail is stored);
    one older than a link's lifetime is dropped unanswered. Says whether a link was sent."""
    with transaction.atomic():
        request = SignInRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None:
            return False
        request.delete()
        if request.created_at <= timezone.now() - _link_lifetime():
            return False
        return signin_link_send(request.email)


@sweep("signin-requests", label=gettext_lazy("Sign-in links whose task was lost"))
def signin_requests_sweep() -> int:
    """Handle sign-in requests whose task was lost (the broker was down); drop those too old
    to answer. Returns how many were handled or dropped."""
    pending = list(
        SignInRequest.objects.filter(
            created_at__lt=timezone.now() - datetime.timedelta(minutes=1)
        ).values_list("pk", flat=True)[:1000]
    )
    for request_id in pending:
        signin_request_process(request_id=request_id)
    return len(pending)


def signin_link_consume(token: str):
    """The user a one-time link signs in, or None. The link is used up atomically: of many
    simultaneous uses exactly one wins (a compare-and-set on the user's last login, which the
    token is bound to)."""
    user = get_user(token, update_last_login=False) if token else None
    if user is None or user.is_staff or user.is_superuser:
        return None
    now = timezone.now()
    unchanged = get_user_model().objects.filter(pk=user.pk)
    unchanged = (
        unchanged.filter(last_login__isnull=True)
        if user.last_login is None
        else unchanged.filter(last_login=user.last_login)
    )
    if unchanged.update(last_login=now) != 1:
        return None
    user.last_login = now
    return user
