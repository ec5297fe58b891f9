"""The sign-ups' part of the demo: invitees to the upcoming direction meeting, with mixed
answers (as rows, without sending e-mail at set-up). The conference is open for anyone to
try registering (its settings are the meetings' part of the demo)."""

from django.utils import timezone

from arshjul.demo import ensure
from arshjul.models import Organisation
from meetings.models import Meeting

from .models import Invitation, Participant

# (name, organisation, role, answer): fictional people.
INVITEES = [
    ("Agneta Ek", "Karlstads kommun", "Kommunstyrelsens ordförande", Invitation.Answer.ACCEPTED),
    ("Bertil Sand", "Arvika kommun", "Kommundirektör", Invitation.Answer.ACCEPTED),
    (
        "Cecilia Strand",
        "Länsstyrelsen Värmland",
        "Landshövdingens stab",
        Invitation.Answer.DECLINED,
    ),
    ("David Lind", "Karlstads universitet", "Prorektor", Invitation.Answer.ACCEPTED),
    ("Elsa Berglund", "Region Värmland", "Regionråd", Invitation.Answer.NONE),
    ("Filip Nord", "Paper Province", "Vd", Invitation.Answer.DECLINED),
    ("Gun Holmqvist", "Torsby kommun", "Kommunchef", Invitation.Answer.NONE),
    ("Hans Åberg", "Arbetsförmedlingen", "Områdeschef", Invitation.Answer.NONE),
]


def seed_cycle(cycle, *, past: bool) -> int:
    """Invitees for the upcoming cycle's direction meeting; none for a past cycle."""
    meeting = Meeting.objects.filter(
        cycle=cycle, participation=Meeting.Participation.INVITATION
    ).first()
    if past or meeting is None:
        return 0
    organisations = {o.name: o for o in Organisation.objects.all()}
    now, created = timezone.now(), 0
    for name, organisation, role, answer in INVITEES:
        email = f"{name.lower().replace(' ', '.')}@example.org".replace("å", "a")
        invitation, new = ensure(
            Invitation,
            {"meeting": meeting, "email": email},
            name=name,
            organisation=organisations.get(organisation),
            role=role,
            sent_at=now,
            answer=answer,
            answered_at=now if answer else None,
            answered_by=name if answer else "",
        )
        created += new
        if new and answer == Invitation.Answer.ACCEPTED:
            invitation.participant = Participant.objects.create(
                meeting=meeting,
                organisation=invitation.organisation,
                channel=Participant.Channel.INVITATION,
                name=name,
                email=email,
                role=role,
            )
            invitation.save(update_fields=["participant"])
            created += 1
    return created
