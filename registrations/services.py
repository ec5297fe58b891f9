"""Writes on sign-ups. Every change goes through here, so that the deadline rule
(:mod:`registrations.rules`) and the capacity rule hold for coordinators, staff and commands.

Capacity is never a counter: the number of confirmed places is counted inside the sign-up
transaction, after taking a lock on the meeting's row (``SELECT … FOR UPDATE`` on PostgreSQL;
on SQLite every transaction is IMMEDIATE, which takes the database's write lock). So sign-ups
for one meeting queue up behind each other and never overbook.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib import tokens
from arshjul.lib.emails import absolute_url
from arshjul.lib.sweeps import sweep
from arshjul.lib.validators import normalise_email
from arshjul.models import Coordinator, Organisation
from meetings.models import Meeting

from . import emails, rules
from .errors import AlreadyRegistered, RegistrationError, RegistrationRefused
from .models import CoordinatorDigest, JoinRequest, Participant
from .participants import CONSENT_MISSING, GROUP_MISSING, NEEDS_FIELDS, Person

Status = Participant.Status
Channel = Participant.Channel

__all__ = ["AlreadyRegistered", "RegistrationRefused", "Person", "RegistrationError"]


def person_check(*, meeting: Meeting, person: Person) -> None:
    """The rules on what is typed about one participant, for every caller (forms call it to
    show the refusal beside the field). Raises :class:`RegistrationError`."""
    if meeting.has_workshop_groups and person.workshop_group is None:
        raise RegistrationError({"workshop_group": GROUP_MISSING})
    if person.has_needs and not person.needs_consent:
        # Without consent we do not keep what could reveal health or religion.
        raise RegistrationError({"needs_consent": CONSENT_MISSING})


def _check_actor(
    participant: Participant,
    action: rules.Action,
    *,
    by_staff: bool,
    coordinator: Coordinator | None,
) -> None:
    """Whoever acts must be allowed to, now. A coordinator: what
    :func:`rules.coordinator_may` allows (their own organisation's participants, registered
    by its coordinators). Staff: always. Otherwise the person themself, through their
    personal link: the deadline rule of the way they took part. Raises
    :class:`RegistrationRefused`."""
    if coordinator is not None:
        rules.coordinator_check(coordinator, action, participant)
    else:
        rules.check(participant.meeting, action, by_staff=by_staff, channel=participant.channel)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _taken(meeting: Meeting, addresses: list[str], *, exclude_pk=None) -> list[str]:
    taken = (
        Participant.objects.active()
        .filter(meeting=meeting)
        .annotate(address=Lower("email"))
        .filter(address__in=addresses)
    )
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    return sorted(taken.values_list("address", flat=True))


HELD_ROWS = ["meeting", "organisation", "workshop_group"]


class _Places:
    """A meeting's confirmed places: counted once, under the meeting's lock (so nobody else
    changes them meanwhile), and kept up to date as this transaction confirms people."""

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        counts = (
            Participant.objects.confirmed()
            .filter(meeting=meeting)
            .values("organisation_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        self.by_organisation = {row["organisation_id"]: row["n"] for row in counts}
        self.total = sum(self.by_organisation.values())

    @property
    def full(self) -> bool:
        return self.meeting.capacity is not None and self.total >= self.meeting.capacity

    def fits(self, organisation_id: int | None) -> bool:
        """Is there a place for one more confirmed participant from this organisation (None:
        someone not from an organisation in the register)?"""
        limit = self.meeting.limit_per_organisation if organisation_id else None
        taken = self.by_organisation.get(organisation_id, 0)
        return not self.full and (limit is None or taken < limit)

    def take(self, organisation_id: int) -> None:
        self.total += 1
        self.by_organisation[organisation_id] = self.by_organisation.get(organisation_id, 0) + 1


def participants_register(
    *,
    meeting: Meeting,
    organisation: Organisation | None,
    people: list[Person],
    by_staff: bool = False,
    channel: str = Channel.COORDINATORS,
    organisation_name: str = "",
    personal_url: str = "",
    coordinator: Coordinator | None = None,
) -> list[Participant]:
    """Register people for the meeting, all or none: sent by an organisation's coordinator
    (``coordinator``, who may register only for their own organisation), answering an
    invitation, or signing up themselves (``channel``). Each gets a place while there are
    places (in total and for the organisation), else a place on the waiting list, and an
    e-mail saying which. Who signed up themselves gets a personal link in it, to see or
    cancel the registration."""
    newcomer = Participant(meeting=meeting, organisation=organisation, channel=channel)
    _check_actor(newcomer, rules.Action.ADD, by_staff=by_staff, coordinator=coordinator)
    addresses = [p.email for p in people]
    twice = sorted({a for a in addresses if addresses.count(a) > 1})
    if twice:
        raise AlreadyRegistered(twice)
    for person in people:
        person_check(meeting=meeting, person=person)
    with transaction.atomic():
        meeting = _lock(meeting)
        if taken := _taken(meeting, addresses):
            raise AlreadyRegistered(taken)
        created = []
        now = timezone.now()
        places = _Places(meeting)
        organisation_id = organisation.pk if organisation else None
        for person in people:
            confirmed = places.fits(organisation_id)
            if confirmed:
                places.take(organisation_id)
            participant = Participant(
                meeting=meeting,
                organisation=organisation,
                organisation_name="" if organisation else organisation_name,
                channel=channel,
                status=Status.CONFIRMED if confirmed else Status.WAITING,
                queued_at=now,
                **person.fields(),
            )
            if channel == Channel.OPEN:
                participant.personal_url = personal_link(participant)
            elif personal_url:  # an invitee's own link
                participant.personal_url = personal_url
            # Constraints are checked above, under the lock; the meeting, organisation and
            # group are rows we hold (no query a row to look them up again).
            participant.full_clean(exclude=HELD_ROWS, validate_constraints=False)
            participant.save()
            created.append(participant)
        shared = emails.MeetingMail(meeting)
        for participant in created:
            emails.participant_welcome(participant, shared)
        _digest_touch(meeting, organisation, channel)
    return created


def personal_link(participant: Participant) -> str:
    """The personal link of someone who signed up themselves (made on first use: the caller
    saves the participant)."""
    token = tokens.personal_token(participant, "registration")
    return absolute_url(tokens.token_path("registrations:registration", token))


def participant_update(
    *,
    participant: Participant,
    person: Person,
    by_staff=False,
    needs_only: bool = False,
    coordinator: Coordinator | None = None,
):
    """Change a participant's details (before the deadline). Only the typed details are
    written: status and place in line stay as they are under the lock. With ``needs_only``
    just the needs and their consent change (allowed longer: rules.Action.EDIT_NEEDS)."""
    action = rules.Action.EDIT_NEEDS if needs_only else rules.Action.EDIT
    _check_actor(participant, action, by_staff=by_staff, coordinator=coordinator)
    if needs_only:
        person = Person.from_participant(
            participant, **{f: getattr(person, f) for f in [*NEEDS_FIELDS, "needs_consent"]}
        )
    person_check(meeting=participant.meeting, person=person)
    with transaction.atomic():
        _lock(participant.meeting)
        # Re-read under the lock: a cancellation or promotion may have happened meanwhile,
        # and the caller's copy may already carry the new values (the admin's form does).
        current = Participant.objects.select_related("meeting__cycle", "organisation").get(
            pk=participant.pk
        )
        if current.status == Status.CANCELLED:
            raise RegistrationError(_("This participant is already cancelled."))
        if taken := _taken(current.meeting, [person.email], exclude_pk=current.pk):
            raise AlreadyRegistered(taken)
        new_address = person.email != normalise_email(current.email)
        for field, value in person.fields().items():
            setattr(current, field, value)
        current.full_clean(validate_constraints=False)
        current.save(update_fields=[*person.fields(), "updated_at"])
        if new_address:
            emails.participant_welcome(current)
        _digest_touch(current.meeting, current.organisation, current.channel)
    return current


def participant_replace(
    *,
    participant: Participant,
    person: Person,
    by_staff=False,
    coordinator: Coordinator | None = None,
):
    """Give a participant's place (or place in line) to a colleague; allowed after the
    deadline, until the day before the meeting."""
    _check_actor(participant, rules.Action.REPLACE, by_staff=by_staff, coordinator=coordinator)
    person_check(meeting=participant.meeting, person=person)
    with transaction.atomic():
        _lock(participant.meeting)
        participant.refresh_from_db()
        if participant.status == Status.CANCELLED:
            raise RegistrationError(_("This participant is already cancelled."))
        if taken := _taken(participant.meeting, [person.email], exclude_pk=participant.pk):
            raise AlreadyRegistered(taken)
        status = participant.status
        participant.status, participant.cancelled_at = Status.CANCELLED, timezone.now()
        participant.save(update_fields=["status", "cancelled_at", "updated_at"])
        colleague = Participant(
            meeting=participant.meeting,
            organisation=participant.organisation,
            organisation_name=participant.organisation_name,
            channel=participant.channel,
            status=status,
            queued_at=participant.queued_at,  # keeps the place in line
            replaces=participant,
            **person.fields(),
        )
        colleague.full_clean(validate_constraints=False)
        colleague.save()
        shared = emails.MeetingMail(participant.meeting)
        emails.participant_cancelled(
            participant,
            replaced_by=colleague,
            had_place=status == Status.CONFIRMED,
            shared=shared,
        )
        emails.participant_welcome(colleague, shared)
        _digest_touch(participant.meeting, participant.organisation, participant.channel)
    return colleague


def participant_cancel(
    *, participant: Participant, by_staff=False, coordinator: Coordinator | None = None
) -> list[Participant]:
    """Cancel a participant, tell them (with a calendar cancellation), and give the freed
    place to the first in line who fits. Returns those promoted."""
    _check_actor(participant, rules.Action.CANCEL, by_staff=by_staff, coordinator=coordinator)
    with transaction.atomic():
        meeting = _lock(participant.meeting)
        participant.refresh_from_db()
        if participant.status == Status.CANCELLED:
            return []
        had_place = participant.status == Status.CONFIRMED
        participant.status, participant.cancelled_at = Status.CANCELLED, timezone.now()
        participant.save(update_fields=["status", "cancelled_at", "updated_at"])
        emails.participant_cancelled(participant, had_place=had_place)
        promoted = _promote_waiting(meeting)
        _digest_touch(meeting, participant.organisation, participant.channel)
    return promoted


def _promote_waiting(meeting: Meeting) -> list[Participant]:
    """Under the meeting's lock: confirm waiting participants, first in line first, while
    there are places. Someone whose organisation is at its limit keeps waiting, and the next
    in line may get the place."""
    promoted = []
    shared = emails.MeetingMail(meeting)  # built only if someone is promoted
    places = _Places(meeting)
    queue = Participant.objects.waiting().filter(meeting=meeting)
    for waiting in queue.select_related("meeting__cycle", "organisation"):
        if places.full:
            break
        if not places.fits(waiting.organisation_id):
            continue
        places.take(waiting.organisation_id)
        waiting.status = Status.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        emails.participant_promoted(waiting, shared)
        _digest_touch(meeting, waiting.organisation, waiting.channel)
        promoted.append(waiting)
    return promoted


def meeting_places_changed(*, meeting: Meeting) -> list[Participant]:
    """Staff raised the capacity or a limit: give the new places to those waiting."""
    with transaction.atomic():
        return _promote_waiting(_lock(meeting))


def meeting_saved(sender, instance: Meeting, created: bool, **kwargs) -> None:
    """post_save of a meeting: an edit may have made places (a new meeting has nobody)."""
    if not created:
        meeting_places_changed(meeting=instance)


# --- The coordinator's summary -----------------------------------------------------------------


def _digest_touch(meeting: Meeting, organisation: Organisation | None, channel: str) -> None:
    """Note a change to an organisation's participants, for its coordinator: the summary
    goes out once changes have been quiet DIGEST_QUIET_MINUTES (but no later than
    DIGEST_MAX_DELAY_MINUTES after the first). Only for those coordinators register."""
    if organisation is None or channel != Channel.COORDINATORS:
        return
    now = timezone.now()
    quiet = datetime.timedelta(minutes=settings.DIGEST_QUIET_MINUTES)
    longest = datetime.timedelta(minutes=settings.DIGEST_MAX_DELAY_MINUTES)
    digest = CoordinatorDigest.objects.filter(
        meeting=meeting, organisation=organisation, sent_at__isnull=True
    ).first()
    # Postpone the pending summary — unless the sweep claimed it a moment ago, in which case
    # this change starts a new one (so no change is left out of every summary).
    if digest is None or not CoordinatorDigest.objects.filter(
        pk=digest.pk, sent_at__isnull=True
    ).update(due_at=min(now + quiet, digest.first_change_at + longest)):
        CoordinatorDigest.objects.create(
            meeting=meeting, organisation=organisation, first_change_at=now, due_at=now + quiet
        )


@sweep("coordinator-digests", label=gettext_lazy("Coordinators' summaries of changes"))
def digests_send_due() -> int:
    """Send the summaries whose changes have settled. Each is claimed once."""
    sent = 0
    due = CoordinatorDigest.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now())
    for digest in due.select_related("meeting__cycle", "organisation"):
        if not CoordinatorDigest.objects.filter(pk=digest.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        ):
            continue
        coordinator = Coordinator.objects.filter(
            cycle=digest.meeting.cycle_id, organisation=digest.organisation_id, is_lead=True
        ).first()
        if coordinator is None:
            continue
        participants = list(
            Participant.objects.active()
            .filter(meeting=digest.meeting, organisation=digest.organisation)
            .select_related("workshop_group")
        )
        emails.coordinator_digest(digest=digest, coordinator=coordinator, participants=participants)
        sent += 1
    return sent


# --- Personal data ------------------------------------------------------------------------------


@sweep("needs", label=gettext_lazy("Participants' needs erased after the meeting"))
def needs_erase() -> int:
    """What participants told us about their needs (dietary needs can reveal health or
    religion) and their comments: erased NEEDS_RETENTION_DAYS after the meeting. Returns how
    many participants' needs were erased."""
    cutoff = timezone.localdate() - datetime.timedelta(days=settings.NEEDS_RETENTION_DAYS)
    erased = dict.fromkeys(NEEDS_FIELDS, "")
    return (
        Participant.objects.filter(meeting__date__lt=cutoff)
        .exclude(needs_consent=False, **erased)
        .update(needs_consent=False, **erased)
    )


@sweep("registrations-erase", label=gettext_lazy("Participants and requests erased on time"))
def registrations_erase() -> int:
    """Participants REGISTRATION_RETENTION_DAYS after their meeting, and requests to take part
    as long after their decision, are erased. Returns how many rows were erased."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    day = timezone.localdate(cutoff)
    old = Participant.objects.filter(meeting__date__lt=day)
    # A replacement points at the one it replaced; both go, the pointer first.
    old.update(replaces=None)
    participants, _ = old.delete()
    # Their history goes with them (it holds their names; deleting just added a row more).
    Participant.history.filter(meeting__date__lt=day).delete()
    requests, _ = JoinRequest.objects.filter(decided_at__lt=cutoff).delete()
    return participants + requests


# --- Joining ----------------------------------------------------------------------------------


def join_request_submit(*, cycle, **fields) -> JoinRequest:
    request = JoinRequest(cycle=cycle, **fields)
    request.coordinator_email = normalise_email(request.coordinator_email)
    request.full_clean()
    request.save()
    return request


def join_request_approve(*, join_request: JoinRequest) -> JoinRequest:
    """Add the organisation (or find it by name), make the person its coordinator for the
    cycle, and tell them they can sign in."""
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            return join_request
        organisation = Organisation.objects.filter(
            name__iexact=join_request.organisation_name.strip()
        ).first()
        if organisation is None:
            organisation = Organisation(
                name=join_request.organisation_name.strip(),
                category=join_request.category,
                contact_email=join_request.coordinator_email,
            )
            if organisation.category == Organisation.Category.MUNICIPALITY:
                # Municipalities need their code, which staff add; register it as "other".
                organisation.category = Organisation.Category.OTHER
            organisation.full_clean()
            organisation.save()
        else:
            existing = Coordinator.objects.filter(
                cycle=join_request.cycle, organisation=organisation, is_lead=True
            ).first()
            if existing and normalise_email(existing.email) != join_request.coordinator_email:
                # Never hand an organisation's participants to someone else unseen.
                raise RegistrationError(
                    _(
                        "%(organisation)s already has a coordinator for %(cycle)s (%(email)s). "
                        "Change the coordinator in the admin if that is right."
                    )
                    % {
                        "organisation": organisation.name,
                        "cycle": join_request.cycle.name,
                        "email": existing.email,
                    }
                )
            if not organisation.active:
                organisation.active = True
                organisation.save(update_fields=["active"])
        Coordinator.objects.update_or_create(
            cycle=join_request.cycle,
            organisation=organisation,
            is_lead=True,
            defaults={
                "name": join_request.coordinator_name,
                "email": join_request.coordinator_email,
            },
        )
        join_request.status = JoinRequest.Status.APPROVED
        join_request.organisation = organisation
        join_request.decided_at = timezone.now()
        join_request.save()
        emails.join_decided(join_request=join_request)
    return join_request


def join_request_decline(*, join_request: JoinRequest) -> JoinRequest:
    with transaction.atomic():
        updated = JoinRequest.objects.filter(
            pk=join_request.pk, status=JoinRequest.Status.PENDING
        ).update(status=JoinRequest.Status.DECLINED, decided_at=timezone.now())
        join_request.refresh_from_db()
        if updated:
            emails.join_decided(join_request=join_request)
    return join_request


# --- When a meeting changes --------------------------------------------------------------


def meeting_rescheduled(sender, meeting: Meeting, **kwargs) -> None:
    """A new time or place: the updated calendar file to everyone with a place."""
    shared = emails.MeetingMail(meeting)
    for participant in Participant.objects.confirmed().filter(meeting=meeting):
        participant.meeting = meeting
        emails.meeting_changed(participant, shared=shared)


def meeting_cancelled(sender, meeting: Meeting, **kwargs) -> None:
    """Called off: the calendar cancellation to everyone registered."""
    shared = emails.MeetingMail(meeting)
    for participant in Participant.objects.active().filter(meeting=meeting):
        participant.meeting = meeting
        emails.meeting_cancelled(participant, shared=shared)
