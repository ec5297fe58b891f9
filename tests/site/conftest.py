"""Fixtures of the site's tests: the walker's world, the demo's personal pages and a
coordinator's session (the demo itself is tests/conftest.py's ``demo_data``)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from arshjul.models import OutgoingMail, PdfJob
from registrations.models import JoinRequest
from registrations.services import Person, participants_register
from tests import factories
from tests.helpers import sign_in
from tests.site.walker import OWNERS_PARTICIPANT, SECRET_ANSWER, SECRET_ENTRY, SECRET_NEEDS


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
        *_survey_pages(),
        *_workshop_pages(),
        *_picture_pages(),
    ]


def _workshop_pages() -> list[str]:
    """A scribe's notes: open to write (2027), and read-only after closing (2023)."""
    from workshops import services
    from workshops.models import Scribe

    paths = []
    for year in [2027, 2023]:
        scribe = Scribe.objects.filter(notes__meeting__cycle__year=year).order_by("pk").first()
        url = services.scribe_url(scribe)
        scribe.save()
        paths.append(url[url.index("/anteckningar/") :])
    return paths


def _picture_pages() -> list[str]:
    """The published 2023 lägesbild of the challenge of skills (its address has its id)."""
    from arshjul.models import Challenge

    challenge = Challenge.objects.get(name__icontains="kompetens")
    return [f"/arshjul/2023/lagesbild/{challenge.pk}/"]


def _survey_pages() -> list[str]:
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
    from arshjul.models import Coordinator

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
    client = sign_in(Client(), coordinator)
    group = coordinator.organisation.leadership_groups.get()
    challenge = coordinator.cycle.cycle_challenges.first().challenge
    pages = [
        u.format(
            meeting=meeting.pk, participant=participant.pk, group=group.pk, challenge=challenge.pk
        )
        for u in COORDINATOR_PAGES
    ]
    return client, client.cookies["sessionid"].value, pages


@pytest.fixture
def world(db, frozen_now, settings, tmp_path):
    """One of each thing a page can show, for Kils kommun (the owner's organisation)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    meeting = cycle.meetings.get(slug="arbetsmote")
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    eda = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    owner = factories.coordinator(cycle, kil, name="Anna Ägare", email="anna@kil.example.org")
    outsider = factories.coordinator(cycle, eda, name="Erik", email="erik@eda.example.org")
    [participant] = participants_register(
        meeting=meeting,
        organisation=kil,
        people=[
            Person(
                OWNERS_PARTICIPANT,
                "ada@kil.example.org",
                workshop_group=cycle.cycle_challenges.first().challenge,
                dietary_needs=SECRET_NEEDS,
                needs_consent=True,
            )
        ],
    )
    material = factories.material(
        cycle, meeting=meeting, url="", file=SimpleUploadedFile("program.pdf", b"%PDF-1.4 x")
    )
    JoinRequest.objects.create(
        cycle=cycle,
        organisation_name="Värmlands Museum",
        category="other",
        coordinator_name="Mia",
        coordinator_email="mia@museum.example.org",
    )
    conference = cycle.meetings.get(slug="konferens")
    conference.participation, conference.capacity = "open", 100
    conference.save()
    from registrations import invitations
    from registrations.open_registration import open_registration_submit
    from registrations.participants import Person as Someone

    registrant = open_registration_submit(
        meeting=conference,
        person=Someone("Olle Öppen", "olle@example.org"),
        organisation_name="Föreningen",
    )
    invitee = invitations.invitation_add(
        meeting=cycle.meetings.get(slug="riktningsmote"),
        name="Inga Inbjuden",
        email="inga@example.org",
        organisation=kil,
    )
    invitation_token = invitations.invitation_url(invitee).split("nyckel=")[1]
    invitee.save()
    job = PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.DONE)
    job.file.save("samordnare.pdf", SimpleUploadedFile("samordnare.pdf", b"%PDF-1.4 x"))
    assert OutgoingMail.objects.exists()
    from registrations.signin import coordinator_user
    from survey import services as survey_services

    survey = factories.survey(cycle, results_published_at=timezone.now())
    group = factories.leadership_group(kil)
    draft = survey_services.response_get_or_create(survey=survey, group=group)
    draft_token = survey_services.response_url(draft).split("nyckel=")[1]
    draft.save()
    survey_services.answers_save(
        response=draft, values={survey.q["text"].pk: SECRET_ANSWER}, seen={}
    )
    submitted = factories.submitted_response(
        survey, factories.leadership_group(eda), {"yes": "yes", "text": "Edas ord"}
    )
    submitted_token = survey_services.response_url(submitted).split("nyckel=")[1]
    submitted.save()

    from indicators.models import (
        AnalysisSection,
        Area,
        Geography,
        Goal,
        Indicator,
        KoladaFetch,
        StatusAnalysis,
    )

    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    area = Area.objects.create(name="Konkurrenskraft")
    Goal.objects.create(area=area, number=1, text="Ett mål")
    indicator = Indicator.objects.create(
        code="N00914",
        name="Sysselsättning",
        area=area,
        unit="%",
        source="kolada",
        kolada_kpi="N00914",
    )
    indicator.values.create(geography=county, year=2025, value=80)
    analysis = StatusAnalysis.objects.create(
        cycle=cycle,
        stage="preliminary",
        title="Preliminär nulägesanalys",
        published_at=timezone.now(),
    )
    AnalysisSection.objects.create(analysis=analysis, title="Demografi").indicators.add(indicator)
    KoladaFetch.objects.create(indicator=indicator, first_year=2020, last_year=2025)
    from arshjul.models import Identity

    Identity.objects.create(
        organiser_name="Region Test",
        logo=b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        logo_type="image/svg+xml",
    )
    from opendata.models import CatalogueSettings

    CatalogueSettings.objects.create(contact_email="oppnadata@region.example.org")
    from working_material.models import Answer, Entry, GuidingQuestions, WorkingMaterial

    working_material = WorkingMaterial.objects.create(
        cycle=cycle, closes_at=timezone.now() + datetime.timedelta(days=30), published=True
    )
    challenge = cycle.cycle_challenges.first().challenge
    GuidingQuestions.objects.create(material=working_material, challenge=challenge)
    kil_answer = Answer.objects.create(
        material=working_material, organisation=kil, challenge=challenge, status="done"
    )
    Entry.objects.create(
        answer=kil_answer, kind="initiative", name=SECRET_ENTRY, saved_at=timezone.now()
    )
    from followup.models import Report

    Report.objects.create(cycle=cycle, conclusions="Slutsatser.", published_at=timezone.now())
    from workshops.models import Notes, Scribe
    from workshops.services import scribe_url

    scribe = Scribe(notes=Notes.objects.create(meeting=meeting, challenge=challenge), name="Sara")
    scribe_token = scribe_url(scribe).split("nyckel=")[1]
    scribe.save()
    from situation import services as situation_services
    from situation.models import NameChoice, Picture

    picture = Picture.objects.create(cycle=cycle, introduction="Lägesbilden.")
    situation_services.picture_publish(picture=picture)
    NameChoice.objects.create(written="rv nätverket", group="nätverk region värmland")

    return {
        "scribe_token": scribe_token,
        "working_material": working_material,
        "picture": picture,
        "challenge": challenge,
        "survey": survey,
        "group": group,
        "draft_token": draft_token,
        "submitted_token": submitted_token,
        "cycle": cycle,
        "meeting": meeting,
        "participant": participant,
        "material": material,
        "job": job,
        "owner": owner,
        "outsider": outsider,
        "owner_user": coordinator_user(owner.email),
        "registration_token": registrant.personal_url.split("nyckel=")[1],
        "invitation_token": invitation_token,
    }
