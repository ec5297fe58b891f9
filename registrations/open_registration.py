"""Open registration: anyone signs up for a meeting "open for everyone" while registration
is open, through the same capacity service as every sign-up (a place, or the waiting list,
and the next in line promoted when someone cancels). Each gets a personal link to see,
correct or cancel their registration. The same address twice changes nothing: the link is
sent again, and the page never says whether an address was registered.

Anyone can type anyone's address, so what one address receives from the form is capped as
sign-in caps its links: at most MAILS_PER_ADDRESS mails in MAIL_WINDOW_SECONDS (counted in
the shared rate-limit counters). Past that the link is not sent again (nor replaced: the
last one received keeps working), and the visitor is answered the same way. A new
registration is always confirmed: it goes once per meeting, so it cannot flood.

What one network address may sign up is capped too (:func:`open_registration_admit`): at
most OPEN_REGISTRATION_MAX_PER_IP (30) an hour, so that a robot at one address cannot fill
the conference and its waiting list with invented people. A municipality's staff, though,
reach the site from one address of their employer's network (its NAT or proxy): when the
conference opens, 150 of them at one address would be refused after the first 30. The region
knows those networks — its municipalities and their IT departments are its partners — so it
names them (OPEN_REGISTRATION_CROWD_NETWORKS, CIDR), and an address in one of them has the
larger OPEN_REGISTRATION_CROWD_MAX_PER_IP (500) an hour. Every other address keeps the small
limit. Weighed and not chosen:

- a budget per (address, e-mail domain): the robot writes a new domain each time and gets a
  new budget each time, and the municipality's 150 at one domain are still refused at 30;
- a burst allowance with a lower sustained rate: the opening minute *is* the burst, so the
  crowd is refused exactly when it comes, and a patient robot is not slowed;
- no limit behind "our" proxies, or a captcha: the first lets a robot inside one of them
  register without end, the second costs every honest visitor and needs a third party.

A crowd behind an address nobody named (a company, a school) still meets the small limit;
those refused are told to wait or write to the organisers, who can name the network. The
count is a fixed hour in the shared cache (:mod:`arshjul.lib.ratelimit`): every web process
on every server counts in the same place, so switching server does not reset it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language

from arshjul.lib import ratelimit, tokens
from arshjul.lib.page_cache import versions_of
from arshjul.lib.validators import normalise_email
from meetings.models import Meeting

from . import emails, services
from .errors import AlreadyRegistered
from .models import Participant
from .participants import Person

OPEN = Meeting.Participation.OPEN

MAILS_PER_ADDRESS = 3  # as sign-in links (settings.SIGNIN_MAX_PER_ADDRESS)
MAIL_WINDOW_SECONDS = 15 * 60
SIGN_UPS_WINDOW_SECONDS = 60 * 60


# What the empty form is made of: the meeting, its cycle's focus challenges (the groups),
# the register of organisations (the list to choose from), and the organiser's identity.
EMPTY_FORM_DEPENDS_ON = [
    "meetings.Meeting",
    "arshjul.Challenge",
    "arshjul.CycleChallenge",
    "arshjul.Organisation",
    *settings.PAGE_CACHE_EVERY_PAGE,
]


def empty_form_key(meeting: Meeting) -> str:
    """The key under which the empty form's HTML for ``meeting`` is kept (the template
    caches it): when the conference opens, everyone GETs the same empty form, and making it
    (every organisation an option, every field through crispy's templates) is most of the
    page's time. Any change to what it is made of gives a new key. The CSRF token is outside
    it, made for each visitor."""
    return f"{meeting.pk}:{get_language()}:{versions_of(EMPTY_FORM_DEPENDS_ON)}"


@dataclass(frozen=True)
class Admission:
    """Whether a sign-up from a network address may go ahead; if not, how many seconds
    until it may (the window's end: the answer's Retry-After)."""

    allowed: bool
    retry_after: int = 0


def open_registration_admit(client_ip: str) -> Admission:
    """Count one sign-up from ``client_ip`` against its hourly limit: the crowd's limit for
    an address in one of OPEN_REGISTRATION_CROWD_NETWORKS, the small one for any other."""
    crowd = ratelimit.in_networks(client_ip, settings.OPEN_REGISTRATION_CROWD_NETWORKS)
    limit = (
        settings.OPEN_REGISTRATION_CROWD_MAX_PER_IP
        if crowd
        else settings.OPEN_REGISTRATION_MAX_PER_IP
    )
    window = SIGN_UPS_WINDOW_SECONDS
    if ratelimit.hit("open-registration", client_ip, limit=limit, window=window):
        return Admission(allowed=True)
    return Admission(allowed=False, retry_after=ratelimit.seconds_left(window))


def open_registration_submit(
    *, meeting: Meeting, person: Person, organisation=None, organisation_name: str = ""
) -> Participant | None:
    """Sign ``person`` up; returns the new participant, or None when the address was
    registered already (its personal link is then sent again)."""
    try:
        [participant] = services.participants_register(
            meeting=meeting,
            organisation=organisation,
            organisation_name=organisation_name.strip(),
            people=[person],
            channel=OPEN,
        )
    except AlreadyRegistered:
        _send_link_again(meeting, person.email)
        return None
    _count_mail(participant.email)  # the confirmation, sent whatever the count
    return participant


def _count_mail(email: str) -> bool:
    """Count one mail to ``email`` from the form; say whether it is within the limit."""
    return ratelimit.hit(
        "open-registration-address",
        normalise_email(email),
        limit=MAILS_PER_ADDRESS,
        window=MAIL_WINDOW_SECONDS,
    )


def _send_link_again(meeting: Meeting, email: str) -> None:
    with transaction.atomic():
        existing = (
            Participant.objects.active()
            .select_for_update()
            .filter(meeting=meeting, email__iexact=normalise_email(email), channel=OPEN)
            .first()
        )
        if existing is None:  # registered another way (by a coordinator): nothing to send
            return
        if not _count_mail(email):
            return  # enough mails are on their way to this address; say nothing different
        url = services.personal_link(existing)
        existing.save(update_fields=["token_nonce", "token_hash"])
        emails.registration_link_again(existing, personal_url=url)


def registration_correct(
    *, participant: Participant, person: Person, organisation=None, organisation_name: str = ""
) -> Participant:
    """Who signed up themselves corrects their registration while registration is open: who
    they are, their organisation and what they need (the address stays: the link is theirs).
    After it closes, only the needs (``services.participant_update(needs_only=True)``)."""
    with transaction.atomic():
        current = services.participant_update(participant=participant, person=person)
        current.organisation = organisation
        current.organisation_name = "" if organisation else organisation_name.strip()
        current.full_clean(validate_constraints=False)
        current.save(update_fields=["organisation", "organisation_name", "updated_at"])
    return current


def registration_for_token(token: str) -> Participant | None:
    """The registration a personal link opens (cancelled ones too: the page says so)."""
    if not token or len(token) > 64:
        return None
    return (
        Participant.objects.select_related("meeting__cycle", "organisation", "workshop_group")
        .filter(token_hash=tokens.token_hash(token), channel=OPEN, meeting__published=True)
        .first()
    )
