"""Every URL pattern of the site — the admin's included — tried by the whole cast: someone
not signed in, the coordinator of the organisation whose data it is, the coordinator of
another organisation, a *Läsare* and a *Redaktör*.

A pattern without an expectation here fails the test: a new view must say who may see it.
The admin's own views (list, add, change, delete, history) are held to each ModelAdmin's
permission checks; every view of our own in the admin needs its row in ``EXPECTED``.
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from arshjul.models import OutgoingMail, PdfJob
from registrations.models import JoinRequest
from registrations.services import Person, participants_register
from tests import factories
from tests.conftest import staff_member
from tests.registrations.conftest import sign_in

ROLES = ["anonymous", "owner", "outsider", "reader", "editor"]
SECRET_NEEDS = "Celiaki-hemlig"  # the owner's participant's dietary needs
OWNERS_PARTICIPANT = "Ada Andersson"


def everyone(status):
    return dict.fromkeys(ROLES, status)


# A coordinator's own pages: the signed-in coordinator acts for their own organisation;
# staff are not coordinators and are sent to sign in as one.
COORDINATOR = {"anonymous": 302, "owner": 200, "outsider": 200, "reader": 302, "editor": 302}
# A page about one of the owner's participants: another organisation's coordinator gets 404.
OWNERS_OBJECT = {"anonymous": 302, "owner": 200, "outsider": 404, "reader": 302, "editor": 302}
POST_ONLY = everyone(405)
STAFF_ONLY = {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 200, "editor": 200}

# name → (how to build the address from the world, who gets which status)
EXPECTED = {
    "home": (lambda w: "/", everyone(200)),
    "cycle-list": (lambda w: "/arshjul/", everyone(200)),
    "cycle-detail": (lambda w: "/arshjul/2027/", everyone(200)),
    "privacy": (lambda w: "/personuppgifter/", everyone(200)),
    "accessibility": (lambda w: "/tillganglighet/", everyone(200)),
    "healthz": (lambda w: "/healthz", everyone(200)),
    "cycle-ics": (lambda w: "/arshjul/2027/kalender.ics", everyone(200)),
    "meeting-list": (lambda w: "/arshjul/2027/moten/", everyone(200)),
    "meeting": (lambda w: "/arshjul/2027/moten/arbetsmote/", everyone(200)),
    "meetings:ics": (lambda w: "/arshjul/2027/moten/arbetsmote/kalender.ics", everyone(200)),
    "meetings:material": (
        lambda w: f"/material/{w['material'].pk}/{w['material'].filename}",
        everyone(200),
    ),
    "registrations:signin": (lambda w: "/logga-in/", everyone(200)),
    "registrations:signin-sent": (lambda w: "/logga-in/skickat/", everyone(200)),
    "registrations:signin-link": (lambda w: "/logga-in/lank/?sesame=ogiltig", everyone(410)),
    "registrations:signout": (lambda w: "/logga-ut/", POST_ONLY),
    # One appointment each: chosen for them, and on to their organisation's page.
    "registrations:choose": (lambda w: "/min-organisation/valj/", everyone(302)),
    "organisation": (lambda w: "/min-organisation/", COORDINATOR),
    "registrations:checklist": (lambda w: "/min-organisation/checklista/", POST_ONLY),
    "registrations:colleague-add": (lambda w: "/min-organisation/samordnare/", COORDINATOR),
    "registrations:colleague-remove": (
        lambda w: f"/min-organisation/samordnare/{w['owner'].pk}/ta-bort/",
        POST_ONLY,
    ),
    "registrations:participants-add": (
        lambda w: f"/min-organisation/moten/{w['meeting'].pk}/anmal/",
        COORDINATOR,
    ),
    "registrations:edit": (
        lambda w: f"/min-organisation/deltagare/{w['participant'].pk}/andra/",
        OWNERS_OBJECT,
    ),
    "registrations:replace": (
        lambda w: f"/min-organisation/deltagare/{w['participant'].pk}/ersatt/",
        OWNERS_OBJECT,
    ),
    "registrations:cancel": (
        lambda w: f"/min-organisation/deltagare/{w['participant'].pk}/avanmal/",
        OWNERS_OBJECT,
    ),
    "registrations:open": (lambda w: "/arshjul/2027/moten/konferens/anmal/", everyone(200)),
    "registrations:open-thanks": (
        lambda w: "/arshjul/2027/moten/konferens/anmal/tack/",
        everyone(200),
    ),
    # A personal link opens its page for whoever holds it; nothing else about anyone.
    "registrations:registration": (
        lambda w: f"/anmalan/?nyckel={w['registration_token']}",
        everyone(200),
    ),
    "registrations:invitation": (
        lambda w: f"/inbjudan/?nyckel={w['invitation_token']}",
        everyone(200),
    ),
    "registrations:join": (lambda w: "/var-med/", everyone(200)),
    "registrations:join-thanks": (lambda w: "/var-med/tack/", everyone(200)),
    "language": (lambda w: "/sprak/en/?next=/", everyone(302)),
    # The admin's site-wide views.
    "admin:index": (lambda w: "/admin/", STAFF_ONLY),
    "admin:login": (
        lambda w: "/admin/login/",
        {"anonymous": 200, "owner": 200, "outsider": 200, "reader": 302, "editor": 302},
    ),
    "admin:logout": (
        lambda w: "/admin/logout/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 405, "editor": 405},
    ),
    "admin:password_change": (lambda w: "/admin/password_change/", STAFF_ONLY),
    "admin:password_change_done": (lambda w: "/admin/password_change/done/", STAFF_ONLY),
    "admin:autocomplete": (
        lambda w: "/admin/autocomplete/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 403},
    ),
    "admin:jsi18n": (lambda w: "/admin/jsi18n/", STAFF_ONLY),
    "admin:view_on_site": (
        lambda w: "/admin/r/1/1/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 404, "editor": 404},
    ),
    "admin:app_list": (lambda w: "/admin/registrations/", STAFF_ONLY),
    # Users are managed by superusers only.
    "admin:auth_user_password_change": (
        lambda w: f"/admin/auth/user/{w['owner_user'].pk}/password/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 403},
    ),
    # The admin's views of our own.
    "admin:arshjul_outgoingmail_test_email": (
        lambda w: reverse("admin:arshjul_outgoingmail_test_email"),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
    "admin:arshjul_pdfjob_status": (
        lambda w: reverse("admin:arshjul_pdfjob_status", args=[w["job"].pk]),
        STAFF_ONLY,
    ),
    "admin:registrations_invitation_import": (
        lambda w: reverse("admin:registrations_invitation_import"),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
    "admin:registrations_invitation_answers": (
        lambda w: reverse("admin:registrations_invitation_answers"),
        STAFF_ONLY,
    ),
    "admin:arshjul_pdfjob_download": (
        lambda w: reverse("admin:arshjul_pdfjob_download", args=[w["job"].pk]),
        STAFF_ONLY,
    ),
    # The survey: a group's link opens its answers for whoever holds it; a coordinator's
    # groups; the public summary once published; staff's results, response rate and exports.
    "survey:answer": (lambda w: f"/enkat/?nyckel={w['draft_token']}", everyone(200)),
    "survey:submit": (lambda w: f"/enkat/skicka-in/?nyckel={w['draft_token']}", everyone(200)),
    "survey:receipt": (lambda w: f"/enkat/kvitto/?nyckel={w['submitted_token']}", everyone(200)),
    "survey:receipt-pdf": (
        lambda w: f"/enkat/kvitto.pdf?nyckel={w['submitted_token']}",
        everyone(200),  # the page that waits for the PDF being made
    ),
    "survey:groups": (lambda w: "/min-organisation/enkat/", COORDINATOR),
    "survey:group-edit": (
        lambda w: f"/min-organisation/enkat/grupper/{w['group'].pk}/andra/",
        OWNERS_OBJECT,
    ),
    "survey:group-send": (
        lambda w: f"/min-organisation/enkat/grupper/{w['group'].pk}/skicka/{w['survey'].pk}/",
        POST_ONLY,
    ),
    "survey:results": (lambda w: "/arshjul/2027/enkat/", everyone(200)),
    "admin:survey_survey_results": (
        lambda w: reverse("admin:survey_survey_results", args=[w["survey"].pk]),
        STAFF_ONLY,
    ),
    "admin:survey_survey_rate": (
        lambda w: reverse("admin:survey_survey_rate", args=[w["survey"].pk]),
        STAFF_ONLY,
    ),
    "admin:survey_survey_export": (
        lambda w: reverse("admin:survey_survey_export", args=[w["survey"].pk, "csv"]),
        STAFF_ONLY,
    ),
    # The indicators and the status analysis are public; importing values is an editor's.
    "indicators:list": (lambda w: "/indikatorer/", everyone(200)),
    "indicators:detail": (lambda w: "/indikatorer/N00914/", everyone(200)),
    "indicators:analysis": (lambda w: "/arshjul/2027/nulagesanalys/", everyone(200)),
    "indicators:analysis-pdf": (
        lambda w: "/arshjul/2027/nulagesanalys.pdf",
        everyone(200),  # the page that waits for the PDF being made
    ),
    "admin:indicators_indicatorvalue_import": (
        lambda w: reverse("admin:indicators_indicatorvalue_import"),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
    # The working material: each coordinator answers for their own organisation; staff compile.
    "working_material:overview": (lambda w: "/min-organisation/arbetsmaterial/", COORDINATOR),
    "working_material:answer": (
        lambda w: f"/min-organisation/arbetsmaterial/{w['challenge'].pk}/",
        COORDINATOR,
    ),
    "admin:working_material_compilation": (
        lambda w: reverse(
            "admin:working_material_compilation", args=[w["working_material"].pk, w["challenge"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:working_material_export": (
        lambda w: reverse(
            "admin:working_material_export", args=[w["working_material"].pk, w["challenge"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:working_material_pdf": (
        lambda w: reverse("admin:working_material_pdf", args=[w["working_material"].pk]),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 403},
    ),
    # Staff follow-up (#15): the dashboard, its exports and printouts, copying with people.
    "admin:arshjul_cycle_dashboard": (
        lambda w: reverse("admin:arshjul_cycle_dashboard", args=[w["cycle"].pk]),
        STAFF_ONLY,
    ),
    "admin:arshjul_cycle_organisations_export": (
        lambda w: reverse("admin:arshjul_cycle_organisations_export", args=[w["cycle"].pk, "csv"]),
        STAFF_ONLY,
    ),
    # A printout is started with a POST; a GET goes back to the dashboard.
    "admin:arshjul_cycle_coordinators_pdf": (
        lambda w: reverse("admin:arshjul_cycle_coordinators_pdf", args=[w["cycle"].pk]),
        everyone(302),
    ),
    "admin:arshjul_cycle_copy": (
        lambda w: reverse("admin:arshjul_cycle_copy", args=[w["cycle"].pk]),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
    "admin:meetings_meeting_export": (
        lambda w: reverse(
            "admin:meetings_meeting_export", args=[w["meeting"].pk, "participants", "csv"]
        ),
        STAFF_ONLY,
    ),
    "admin:meetings_meeting_pdf": (
        lambda w: reverse("admin:meetings_meeting_pdf", args=[w["meeting"].pk, "name_badges"]),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 405, "editor": 405},
    ),
    # Without the personal link's key, nothing.
    "coordinator-confirm": (lambda w: "/samordnare/nasta-ar/", everyone(404)),
    # The organiser's face (#16): for everyone; its admin is one row, the list goes to it.
    "identity-logo": (lambda w: "/identitet/logotyp", everyone(200)),
    "identity-css": (lambda w: "/identitet/farg.css", everyone(200)),
    # The wheel elsewhere (#17): public; the poster is being made the first time it is asked.
    "wheel-embed": (lambda w: "/arshjul/2027/inbaddning/", everyone(200)),
    "wheel-svg": (lambda w: "/arshjul/2027/arshjul.svg", everyone(200)),
    "wheel-poster": (lambda w: "/arshjul/2027/affisch.pdf", everyone(202)),
    "admin:arshjul_identity_changelist": (
        lambda w: "/admin/arshjul/identity/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 302, "editor": 302},
    ),
    "admin:arshjul_region_import": (
        lambda w: reverse("admin:arshjul_region_import"),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
}
# Kil's answer to the working material: on its coordinator's pages and staff's, nowhere else.
SECRET_ENTRY = "Kils interna initiativ"
# Kil's group's draft: on its own link's pages and in the admin, nowhere else.
SECRET_ANSWER = "Kils utkast-hemlighet"
TOKEN_PAGES = {"survey:answer", "survey:submit"}

ADMIN_VIEWS = re.compile(
    r"^admin:(?P<app>[a-z]+)_(?P<model>[a-z]+)_"
    r"(?P<view>changelist|add|change|delete|history|simple_history)$"
)


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) for every pattern; unnamed ones as "<namespace>:<route>"."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (namespace + pattern.name if pattern.name else f"{namespace}{route}"), route


ALL_PATTERNS = sorted(set(url_patterns()))


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

    return {
        "working_material": working_material,
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


def client_for(role, world):
    client = Client()
    if role in {"owner", "outsider"}:
        sign_in(client, world[role])
    elif role == "reader":
        client.force_login(staff_member("lasare", "Läsare"))
    elif role == "editor":
        client.force_login(staff_member("redaktor", "Redaktör"))
    return client


def model_admin_expectation(match, world, user_for):
    """The address of an admin view and what each role gets, from the ModelAdmin's checks."""
    model_admin = next(
        ma
        for model, ma in admin.site._registry.items()
        if (model._meta.app_label, model._meta.model_name) == (match["app"], match["model"])
    )
    obj = model_admin.model._default_manager.order_by("pk").first()
    view = match["view"]
    if view in {"change", "delete", "history", "simple_history"} and obj is None:
        pytest.fail(f"the walker's world has no {model_admin.model.__name__}: add one")
    args = [obj.pk] if view in {"change", "delete", "history"} else []
    if view == "simple_history":  # one version of the row, from its change history
        args = [obj.pk, obj.history.order_by("history_id").first().history_id]
    url = reverse(f"admin:{match['app']}_{match['model']}_{view}", args=args)

    def allowed(role):
        request = type("Request", (), {"user": user_for(role)})()
        if view == "add":
            return model_admin.has_add_permission(request)
        if view == "delete":
            return model_admin.has_delete_permission(request, obj)
        return model_admin.has_view_or_change_permission(request, obj if args else None)

    expected = dict.fromkeys(["anonymous", "owner", "outsider"], 302)
    expected.update({role: 200 if allowed(role) else 403 for role in ["reader", "editor"]})
    return url, expected


@pytest.mark.parametrize("name, route", ALL_PATTERNS, ids=[n for n, _ in ALL_PATTERNS])
def test_every_view_answers_each_of_the_cast_as_expected(name, route, world):
    clients = {role: client_for(role, world) for role in ROLES}
    users = {role: clients[role].session.get("_auth_user_id") for role in ROLES}

    def user_for(role):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(pk=users[role])

    if name in EXPECTED:
        build, expected = EXPECTED[name]
        url = build(world)
    elif match := ADMIN_VIEWS.match(name):
        url, expected = model_admin_expectation(match, world, user_for)
    elif name.startswith("admin:"):
        # The admin's unnamed patterns: an object's old address, and the catch-all.
        url = f"/admin/registrations/participant/{world['participant'].pk}/"
        if "object_id" not in route:
            url = "/admin/finns-inte/"
        staff = 302 if "object_id" in route else 404
        expected = {
            "anonymous": 302,
            "owner": 302,
            "outsider": 302,
            "reader": staff,
            "editor": staff,
        }
    else:
        pytest.fail(f"{name} ({route}) has no expectation: say who may see it in EXPECTED")

    for role in ROLES:
        response = clients[role].get(url)
        assert response.status_code == expected[role], (role, url, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        if role not in {"editor", "owner"}:
            assert SECRET_NEEDS not in body, (role, url)
        if role != "owner" and name.startswith("registrations:"):
            assert OWNERS_PARTICIPANT not in body, (role, url)
        if name.startswith("survey:") and name not in TOKEN_PAGES:
            assert SECRET_ANSWER not in body, (role, url)
        if name.startswith("working_material:") and role != "owner":
            assert SECRET_ENTRY not in body, (role, url)
        # No page reloads itself (WCAG 2.2.1): pages waiting for a PDF offer a link instead.
        assert 'http-equiv="refresh"' not in body, (role, url)
