"""Next year with its people: coordinators carried over to a copied cycle and — when staff
choose, after seeing the e-mail (:func:`coordinators_ask`), never by the copy itself — each
asked once, by mail, to confirm that they go on or to name who takes over.

The link in the mail is personal (:mod:`arshjul.lib.tokens`): it opens the page where the
coordinator answers (once); it needs no sign-in (the new cycle
is still a draft, and sign-in is for running cycles).
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import CycleError
from .lib import tokens
from .lib.emails import absolute_url, make_message
from .lib.outbox import outbox_queue
from .lib.validators import normalise_email
from .models import Coordinator, Cycle

LINK_KIND = "coordinator-confirm"  # what the personal link is for (its key derivation)


def coordinators_carry_over(*, coordinators, cycle: Cycle) -> list[Coordinator]:
    """Copy the given coordinators (of an earlier cycle) into ``cycle``; nobody is mailed
    (staff ask them when the cycle is ready: :func:`coordinators_ask`). Someone already a
    coordinator of the organisation there is left as is."""
    carried = []
    for old in coordinators:
        new = Coordinator(
            cycle=cycle,
            organisation=old.organisation,
            name=old.name,
            email=old.email,
            phone=old.phone,
            is_lead=old.is_lead,
        )
        try:
            with transaction.atomic():
                new.save()
        except IntegrityError:
            continue
        carried.append(new)
    return carried


def coordinators_to_ask(cycle: Cycle):
    """The coordinators of ``cycle`` carried over and not yet asked (nor answered): those who
    were their organisation's coordinator, at the same address, in the year before — which is
    what the question tells them."""
    the_year_before = Coordinator.objects.filter(
        cycle__year=cycle.year - 1,
        organisation=OuterRef("organisation"),
        email=OuterRef("email"),
    )
    return (
        Coordinator.objects.filter(
            cycle=cycle, confirmation_asked_at__isnull=True, confirmed_at__isnull=True
        )
        .filter(Exists(the_year_before))
        .select_related("organisation", "cycle")
        .order_by("organisation__name", "-is_lead", "name")
    )


@transaction.atomic
def coordinators_ask(*, cycle: Cycle) -> int:
    """Ask each carried-over coordinator of ``cycle`` not asked yet whether they go on (staff
    do, from the admin, after a preview). Each is asked once, however often this runs: the
    rows are locked, so that a second request at the same moment neither asks again nor
    gives the coordinator a new link that the first e-mail's no longer matches. Returns how
    many were asked now."""
    chosen = coordinators_to_ask(cycle).select_for_update(of=("self",))
    return sum(confirmation_ask(coordinator).queued_now for coordinator in chosen)


def confirmation_url(coordinator: Coordinator) -> str:
    token = tokens.personal_token(coordinator, LINK_KIND)
    return absolute_url(tokens.token_path("coordinator-confirm", token))


def confirmation_ask(coordinator: Coordinator):
    """The mail asking a carried-over coordinator to confirm or name a successor (once)."""
    url = confirmation_url(coordinator)
    coordinator.confirmation_asked_at = timezone.now()
    coordinator.save(update_fields=["token_nonce", "token_hash", "confirmation_asked_at"])
    mail = make_message(
        "coordinator_confirm",
        {"coordinator": coordinator, "cycle": coordinator.cycle, "url": url},
    )
    return outbox_queue(
        kind="cycle_confirm",
        to=coordinator.email,
        mail=mail,
        dedup_key=f"coordinator-confirm:{coordinator.pk}",
        about=coordinator,
    )


def coordinator_for_token(token: str) -> Coordinator | None:
    if not token or len(token) > 64:
        return None
    return (
        Coordinator.objects.select_related("cycle", "organisation")
        .filter(token_hash=tokens.token_hash(token), confirmation_asked_at__isnull=False)
        .first()
    )


def may_answer(coordinator: Coordinator) -> bool:
    """Until the answer is given, and not after the new cycle's year."""
    return coordinator.confirmed_at is None and timezone.localdate().year <= coordinator.cycle.year


@transaction.atomic
def coordinator_confirm(*, coordinator: Coordinator) -> Coordinator:
    """The coordinator goes on next year."""
    _check(coordinator)
    coordinator.confirmed_at = timezone.now()
    coordinator.save(update_fields=["confirmed_at"])
    return coordinator


@transaction.atomic
def coordinator_succeed(
    *, coordinator: Coordinator, name: str, email: str, phone: str = ""
) -> Coordinator:
    """Someone else takes over: the row becomes the successor's (its history keeps who it
    was), confirmed by the one handing over. The successor signs in with their own address."""
    _check(coordinator)
    email = normalise_email(email)
    taken = (
        Coordinator.objects.filter(
            cycle=coordinator.cycle_id, organisation=coordinator.organisation_id, email=email
        )
        .exclude(pk=coordinator.pk)
        .exists()
    )
    if taken:
        raise CycleError({"email": _("This address is already a coordinator of the organisation.")})
    coordinator.name, coordinator.email, coordinator.phone = name.strip(), email, phone.strip()
    coordinator.confirmed_at = timezone.now()
    coordinator.full_clean(exclude=["cycle", "organisation", "checklist"])
    coordinator._change_reason = _("Successor named by the previous coordinator")
    coordinator.save()
    return coordinator


def _check(coordinator: Coordinator) -> None:
    if not may_answer(coordinator):
        raise CycleError(_("This question is answered already."))
