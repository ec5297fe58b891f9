"""Co-coordinators: a coordinator adds a colleague who then acts for the organisation too,
signing in the same passwordless way (by the address). The lead coordinator stays the one
staff appointed; colleagues can be removed by any coordinator of the organisation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arshjul.lib.emails import absolute_url, make_message
from arshjul.lib.outbox import outbox_queue
from arshjul.lib.validators import normalise_email
from arshjul.models import Coordinator, Organisation

from .errors import RegistrationError

MAX_COLLEAGUES = 5  # per organisation and cycle, besides the lead


def colleagues_of(coordinator: Coordinator) -> list[Coordinator]:
    """Everyone who coordinates the organisation in the cycle, the lead first (one query)."""
    return list(
        Coordinator.objects.filter(
            cycle=coordinator.cycle_id, organisation=coordinator.organisation_id
        ).order_by("-is_lead", "name")
    )


def colleague_add(*, coordinator: Coordinator, name: str, email: str) -> Coordinator:
    """Add a colleague as co-coordinator and tell them by e-mail how to sign in. At most
    MAX_COLLEAGUES: counted and added under a lock on the organisation's row, so that adds at
    once queue up behind each other and never pass the cap."""
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=coordinator.organisation_id)
        count = Coordinator.objects.filter(
            cycle=coordinator.cycle_id, organisation=coordinator.organisation_id, is_lead=False
        ).count()
        if count >= MAX_COLLEAGUES:
            raise RegistrationError(
                _("An organisation can have at most %(n)d co-coordinators.") % {"n": MAX_COLLEAGUES}
            )
        colleague = Coordinator(
            cycle_id=coordinator.cycle_id,
            organisation_id=coordinator.organisation_id,
            name=name.strip(),
            email=normalise_email(email),
            is_lead=False,
        )
        try:
            colleague.full_clean()
        except ValidationError as error:
            raise RegistrationError(error) from error
        colleague.save()
        mail = make_message(
            "colleague_added",
            {
                "colleague": colleague,
                "added_by": coordinator,
                "organisation": coordinator.organisation,
                "cycle": coordinator.cycle,
                "signin_url": absolute_url("registrations:signin"),
            },
        )
        outbox_queue(
            kind="colleague_added",
            to=colleague.email,
            mail=mail,
            dedup_key=f"colleague-added:{colleague.pk}",
            about=colleague,
        )
    return colleague


def colleague_remove(*, coordinator: Coordinator, colleague_id: int) -> bool:
    """Remove a co-coordinator of the same organisation and cycle (never the lead). Says
    whether one was removed."""
    removed, _rows = Coordinator.objects.filter(
        pk=colleague_id,
        cycle=coordinator.cycle_id,
        organisation=coordinator.organisation_id,
        is_lead=False,
    ).delete()
    return bool(removed)
