from io import StringIO

import pytest
from django.core.management import call_command

# Every public page, with the demo data loaded: the checks below run on each.
PUBLIC_PAGES = [
    "/",
    "/arshjul/",
    "/arshjul/2023/",
    "/arshjul/2027/moten/",
    "/arshjul/2027/moten/arbetsmote/",
    "/arshjul/2027/moten/riktningsmote/",
    "/arshjul/2027/moten/konferens/",
    "/arshjul/2023/moten/arbetsmote/",
    "/personuppgifter/",
    "/tillganglighet/",
    "/logga-in/",
    "/logga-in/skickat/",
    "/logga-in/lank/?sesame=ogiltig",  # the expired-link page
    "/var-med/",
    "/arshjul/2027/moten/konferens/anmal/",  # open registration
    "/arshjul/2027/moten/konferens/anmal/tack/",
    "/arshjul/2023/enkat/",  # the survey's published results
    "/indikatorer/",
    "/indikatorer/N00914/",  # an indicator with its municipalities
    "/indikatorer/ENK-1/",  # a survey indicator (one value)
    "/arshjul/2027/nulagesanalys/",  # the preliminary status analysis
    "/arshjul/2023/nulagesanalys/",  # the final one
    "/arshjul/2027/inbaddning/",  # the wheel for another site's frame
    "/finns-inte/",  # the 404 page
]


@pytest.fixture
def personal_pages(demo_data):
    """The pages a personal link opens: an open registration, an invitation."""
    from meetings.models import Meeting
    from registrations import invitations
    from registrations.models import Invitation
    from registrations.open_registration import open_registration_submit
    from registrations.participants import Person

    conference = Meeting.objects.get(cycle__year=2027, slug="konferens")
    registrant = open_registration_submit(
        meeting=conference,
        person=Person("Olle Öppen", "olle@example.org"),
        organisation_name="Föreningen Framtid",
    )
    invitation = Invitation.objects.filter(meeting__cycle__year=2027).order_by("pk").first()
    url = invitations.invitation_url(invitation)
    invitation.save()
    return [
        registrant.personal_url[registrant.personal_url.index("/anmalan/") :],
        url[url.index("/inbjudan/") :],
        *survey_pages(),
    ]


def survey_pages() -> list[str]:
    """A group's pages of the survey: a half-answered draft with its submission page, and a
    submitted response's receipt."""
    from survey import services
    from survey.models import Response

    draft = Response.objects.filter(
        survey__cycle__year=2027, status="draft", started_at__isnull=False
    ).first()
    submitted = Response.objects.filter(survey__cycle__year=2027, status="submitted").first()
    paths = []
    for response, pages in [
        (draft, ["/enkat/", "/enkat/skicka-in/"]),
        (submitted, ["/enkat/kvitto/"]),
    ]:
        url = services.response_url(response)
        response.save()
        query = url[url.index("?") :]
        paths += [page + query for page in pages]
    return paths


@pytest.fixture
def demo_data(settings, frozen_now, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEBUG = True  # seed_demo refuses otherwise
    frozen_now(2026, 11, 27, 12)
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


# The coordinator's pages, seen signed in as the demo coordinator of two organisations.
COORDINATOR_PAGES = [
    "/min-organisation/valj/",
    "/min-organisation/",
    "/min-organisation/moten/{meeting}/anmal/",
    "/min-organisation/deltagare/{participant}/andra/",
    "/min-organisation/deltagare/{participant}/ersatt/",
    "/min-organisation/deltagare/{participant}/avanmal/",
    "/min-organisation/enkat/",
    "/min-organisation/enkat/grupper/{group}/andra/",
    "/min-organisation/samordnare/",
    "/min-organisation/arbetsmaterial/",
    "/min-organisation/arbetsmaterial/{challenge}/",
]


@pytest.fixture
def coordinator_session(demo_data):
    """A signed-in session for Karin Lund (Compare), with one participant registered; returns
    the session cookie and the filled-in coordinator page addresses."""
    from django.test import Client

    from arshjul.models import Coordinator
    from registrations import signin
    from registrations.services import Person, participants_register
    from registrations.views import SESSION_KEY

    coordinator = Coordinator.objects.get(
        email="karin.lund@example.org", organisation__name="Compare", cycle__year=2027
    )
    meeting = coordinator.cycle.meetings.get(slug="arbetsmote")
    [participant] = participants_register(
        meeting=meeting,
        organisation=coordinator.organisation,
        people=[
            Person(
                "Ada Andersson",
                "ada@compare.example.org",
                workshop_group=coordinator.cycle.cycle_challenges.first().challenge,
            )
        ],
    )
    client = Client()
    client.force_login(signin.coordinator_user(coordinator.email))
    session = client.session
    session[SESSION_KEY] = coordinator.pk
    session.save()
    group = coordinator.organisation.leadership_groups.get()
    challenge = coordinator.cycle.cycle_challenges.first().challenge
    pages = [
        u.format(
            meeting=meeting.pk, participant=participant.pk, group=group.pk, challenge=challenge.pk
        )
        for u in COORDINATOR_PAGES
    ]
    return client, client.cookies["sessionid"].value, pages
