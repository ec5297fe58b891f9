"""Who may change a registration: a coordinator changes only the participants the
organisation's coordinators registered, at a meeting where coordinators register. Someone
who registered themself for the open conference naming the organisation, or who answered an
invitation, changes their own registration through their personal link — a coordinator can
neither edit, replace nor cancel it, whatever is posted. Tried for every change view, with a
participant of each channel, by the whole cast."""

import pytest
from django.test import Client

from meetings.models import Meeting
from meetings.services import meeting_save
from registrations import invitations, rules, services
from registrations.errors import RegistrationRefused
from registrations.models import Participant
from registrations.open_registration import open_registration_submit
from registrations.participants import Person
from tests import factories
from tests.helpers import outbox, rows, sign_in

pytestmark = pytest.mark.django_db

VIEWS = ["andra", "ersatt", "avanmal"]


@pytest.fixture
def self_registered(owner, cycle):
    """Sara signed up herself for the open conference, naming Kils kommun."""
    conference = Meeting.objects.get(cycle=cycle, slug="konferens")
    conference.participation, conference.capacity = "open", 100
    conference.registration_closes_at = factories.end_of_day(2027, 9, 15)
    conference = meeting_save(meeting=conference)
    return open_registration_submit(
        meeting=conference,
        person=Person("Sara Själv", "sara@kil.example.org"),
        organisation=owner.organisation,
    )


@pytest.fixture
def invited(owner, cycle):
    """Ivar was invited to the direction meeting, from Kils kommun, and said yes."""
    direction = Meeting.objects.get(cycle=cycle, slug="riktningsmote")
    direction.registration_closes_at = factories.end_of_day(2027, 3, 9)
    direction = meeting_save(meeting=direction)
    invitation = invitations.invitation_add(
        meeting=direction,
        name="Ivar Inbjuden",
        email="ivar@kil.example.org",
        organisation=owner.organisation,
    )
    invitations.invitations_send(invitations=[invitation])
    invitation = invitations.invitation_answer(
        invitation=invitation, coming=True, person=Person("Ivar Inbjuden", "ivar@kil.example.org")
    )
    return invitation.participant


def url(participant, view):
    return f"/min-organisation/deltagare/{participant.pk}/{view}/"


def taking_over(participant):
    """What a coordinator would post to put their own pick in the participant's place."""
    data = {"name": "Kapad Plats", "email": "kapad@kil.example.org", "dietary_needs": ""}
    if participant.meeting.has_workshop_groups:
        data["workshop_group"] = participant.meeting.cycle.cycle_challenges.first().challenge_id
    return data


def unchanged(participant):
    before = (participant.name, participant.email, participant.status)
    participant.refresh_from_db()
    return (participant.name, participant.email, participant.status) == before


@pytest.mark.parametrize("who", ["owner", "colleague"])
@pytest.mark.parametrize("channel", ["self_registered", "invited"])
@pytest.mark.parametrize("view", VIEWS)
def test_a_coordinator_cannot_change_someone_who_registered_themself_or_was_invited(
    request, who, channel, view
):
    participant = request.getfixturevalue(channel)
    client = sign_in(Client(), request.getfixturevalue(who))
    mails_before = len(outbox())

    response = client.post(url(participant, view), taking_over(participant))

    assert response.status_code == 403
    assert unchanged(participant)
    assert not Participant.objects.filter(email="kapad@kil.example.org").exists()
    assert len(outbox()) == mails_before  # nobody is told they were cancelled
    page = response.content.decode()
    assert "personliga länken" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize("channel", ["self_registered", "invited"])
@pytest.mark.parametrize("view", VIEWS)
def test_the_page_says_why_and_offers_no_button(owner_client, request, channel, view):
    participant = request.getfixturevalue(channel)
    response = owner_client.get(url(participant, view))
    page = response.content.decode()
    main = page.split("<main", 1)[1].split("</main>")[0]
    assert "personliga länken" in main
    assert 'type="submit"' not in main
    assert 'name="email"' not in main


def test_the_explanation_names_the_way_the_person_took(owner_client, self_registered, invited):
    own = owner_client.get(url(self_registered, "ersatt")).content.decode()
    assert "Sara Själv anmälde sig själv" in own
    answered = owner_client.get(url(invited, "ersatt")).content.decode()
    assert "Ivar Inbjuden svarade på en inbjudan" in answered


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_the_organisations_coordinators_edit_replace_and_cancel_whom_they_registered(
    request, who, ada
):
    client = sign_in(Client(), request.getfixturevalue(who))
    group = ada.workshop_group_id
    edited = client.post(
        url(ada, "andra"), {"name": "Ada Berg", "email": ada.email, "workshop_group": group}
    )
    assert edited.status_code == 302
    ada.refresh_from_db()
    assert ada.name == "Ada Berg"

    replaced = client.post(
        url(ada, "ersatt"),
        {"name": "Cecilia", "email": "c@kil.example.org", "workshop_group": group},
    )
    assert replaced.status_code == 302
    cecilia = Participant.objects.get(email="c@kil.example.org")
    assert cecilia.replaces == ada

    cancelled = client.post(url(cecilia, "avanmal"))
    assert cancelled.status_code == 302
    cecilia.refresh_from_db()
    assert cecilia.status == "cancelled"


@pytest.mark.parametrize("channel", ["ada", "self_registered", "invited"])
def test_another_organisations_coordinator_anonymous_and_staff_change_nobody(
    request, channel, outsider, reader, editor
):
    participant = request.getfixturevalue(channel)
    outsider_client = sign_in(Client(), outsider)
    anonymous = Client()
    reader_client, editor_client = Client(), Client()
    reader_client.force_login(reader)
    editor_client.force_login(editor)
    for view in VIEWS:
        data = taking_over(participant)
        assert outsider_client.get(url(participant, view)).status_code == 404
        assert outsider_client.post(url(participant, view), data).status_code == 404
        for client in (anonymous, reader_client, editor_client):
            response = client.post(url(participant, view), data)
            assert response.status_code == 302 and response.url.startswith("/logga-in/"), view
    assert unchanged(participant)
    assert not Participant.objects.filter(email="kapad@kil.example.org").exists()


# --- The rule and the services -------------------------------------------------------------


@pytest.mark.parametrize("channel", ["self_registered", "invited"])
def test_the_services_refuse_a_coordinator_acting_for_someone_of_another_channel(
    request, owner, channel
):
    participant = request.getfixturevalue(channel)
    newcomer = Person("Kapad Plats", "kapad@kil.example.org")
    with pytest.raises(RegistrationRefused):
        services.participant_replace(participant=participant, person=newcomer, coordinator=owner)
    with pytest.raises(RegistrationRefused):
        services.participant_update(
            participant=participant,
            person=Person.from_participant(participant, name="Kapad"),
            coordinator=owner,
        )
    with pytest.raises(RegistrationRefused):
        services.participant_update(
            participant=participant,
            person=Person.from_participant(participant, dietary_needs="Vegan", needs_consent=True),
            needs_only=True,
            coordinator=owner,
        )
    with pytest.raises(RegistrationRefused):
        services.participant_cancel(participant=participant, coordinator=owner)
    assert unchanged(participant)


def test_the_services_refuse_a_coordinator_of_another_organisation(outsider, ada, work_meeting):
    newcomer = Person("Kapad", "kapad@eda.example.org", workshop_group=ada.workshop_group)
    with pytest.raises(RegistrationRefused):
        services.participant_replace(participant=ada, person=newcomer, coordinator=outsider)
    with pytest.raises(RegistrationRefused):
        services.participant_cancel(participant=ada, coordinator=outsider)
    with pytest.raises(RegistrationRefused):
        services.participants_register(
            meeting=work_meeting,
            organisation=ada.organisation,
            people=[newcomer],
            coordinator=outsider,
        )
    assert unchanged(ada)


def test_a_coordinator_may_do_all_needs_only_or_nothing(
    owner, ada, self_registered, invited, frozen_now
):
    may = rules.coordinator_may
    Action, Scope = rules.Action, rules.Scope
    for action in [Action.EDIT, Action.REPLACE, Action.CANCEL]:
        assert may(owner, action, ada).scope == Scope.ALL
        assert may(owner, action, self_registered).scope == Scope.NOTHING
        assert may(owner, action, invited).scope == Scope.NOTHING
    assert may(owner, Action.EDIT_NEEDS, invited).scope == Scope.NOTHING

    frozen_now(2026, 12, 28, 10)  # registration closed on 19 December
    assert may(owner, Action.EDIT, ada).scope == Scope.NEEDS_ONLY
    assert may(owner, Action.REPLACE, ada).scope == Scope.ALL
    frozen_now(2027, 1, 13, 0, 0, 1)  # the meeting's day
    assert may(owner, Action.EDIT, ada).scope == Scope.NOTHING
    assert may(owner, Action.CANCEL, ada).scope == Scope.NOTHING


def test_someone_of_another_channel_at_a_coordinators_meeting_gets_no_buttons(
    owner_client, owner, work_meeting
):
    """Staff may turn a meeting over to the coordinators after people signed up themselves:
    those stay theirs to change."""
    group = work_meeting.cycle.cycle_challenges.first().challenge
    [own] = services.participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[Person("Olle Egen", "olle@kil.example.org", workshop_group=group)],
        by_staff=True,
        channel=Participant.Channel.OPEN,
    )
    page = owner_client.get("/min-organisation/").content.decode()
    row = page.split("Olle Egen", 1)[1].split("</tr>", 1)[0]
    assert "/ersatt/" not in row and "/avanmal/" not in row and "/andra/" not in row
    response = owner_client.post(url(own, "avanmal"))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == "confirmed"


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_a_coordinator_registers_nobody_for_the_open_or_the_invitation_only_meeting(
    request, who, self_registered, invited
):
    client = sign_in(Client(), request.getfixturevalue(who))
    for meeting in [self_registered.meeting, invited.meeting]:
        add = f"/min-organisation/moten/{meeting.pk}/anmal/"
        assert client.get(add).status_code == 404
        assert client.post(add, rows(("Kapad Plats", "kapad@kil.example.org"))).status_code == 404
    assert not Participant.objects.filter(email="kapad@kil.example.org").exists()
