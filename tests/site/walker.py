"""The walker's map: every address of the site and what each of the whole cast gets there
(someone not signed in, the coordinator of the organisation whose data it is, the coordinator
of another organisation, a *Läsare* and a *Redaktör*), and what must never show. The world
they walk is the ``world`` fixture of tests/site/conftest.py; tests/site/test_walker.py walks
it, tests/site/test_layout.py measures its pages' widths."""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from followup.models import Report
from tests.helpers import CAST, sign_in, staff_member

ROLES = CAST
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
    # The open data's developers' page and bulk files: the same for everyone.
    "opendata:page": (lambda w: "/oppna-data/", everyone(200)),
    "opendata:csv": (lambda w: "/oppna-data/filer/indikatorvarden.csv", everyone(200)),
    "opendata:csv-excel": (lambda w: "/oppna-data/filer/indikatorer-excel.csv", everyone(200)),
    "opendata:xlsx": (lambda w: "/oppna-data/filer/indikatorvarden.xlsx", everyone(200)),
    "opendata:datapackage": (lambda w: "/oppna-data/datapackage.json", everyone(200)),
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
    # The same address: it ends a session begun at the identity provider there too.
    "staff-logout": (
        lambda w: "/admin/logout/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 405, "editor": 405},
    ),
    # Staff single sign-on: nothing while it is off (tests/sso/ try it on).
    "oidc_authentication_init": (lambda w: "/oidc/authenticate/", everyone(404)),
    "oidc_authentication_callback": (lambda w: "/oidc/callback/", everyone(404)),
    "oidc_logout": (lambda w: "/oidc/logout/", everyone(404)),
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
    # The open data's indicators (#25): anyone reads them, as JSON.
    "opendata:area-list": (lambda w: "/api/v1/areas/", everyone(200)),
    "opendata:goal-list": (lambda w: "/api/v1/goals/", everyone(200)),
    "opendata:geography-list": (lambda w: "/api/v1/geographies/", everyone(200)),
    "opendata:indicator-list": (lambda w: "/api/v1/indicators/", everyone(200)),
    "opendata:indicator-detail": (lambda w: "/api/v1/indicators/N00914/", everyone(200)),
    "opendata:indicator-values": (lambda w: "/api/v1/indicators/N00914/values/", everyone(200)),
    "opendata:value-list": (lambda w: "/api/v1/values/?indicator=N00914", everyone(200)),
    "admin:indicators_indicatorvalue_import": (
        lambda w: reverse("admin:indicators_indicatorvalue_import"),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 403, "editor": 200},
    ),
    # The lägesbild: public once published (without contacts); as it stands, staff's.
    "situation:index": (lambda w: "/arshjul/2027/lagesbild/", everyone(200)),
    "situation:challenge": (
        lambda w: f"/arshjul/2027/lagesbild/{w['challenge'].pk}/",
        everyone(200),
    ),
    "situation:pdf": (lambda w: "/arshjul/2027/lagesbild.pdf", everyone(200)),  # being made
    "admin:situation_picture_show": (
        lambda w: reverse("admin:situation_picture_show", args=[w["picture"].pk]),
        STAFF_ONLY,
    ),
    "admin:situation_picture_challenge": (
        lambda w: reverse(
            "admin:situation_picture_challenge", args=[w["picture"].pk, w["challenge"].pk]
        ),
        STAFF_ONLY,
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
    # The workshop notes: a scribe's link opens the group's notes for whoever holds it; the
    # lessons staff share are public.
    "workshops:notes": (lambda w: f"/anteckningar/?nyckel={w['scribe_token']}", everyone(200)),
    "workshops:lessons": (lambda w: "/arshjul/2027/lardomar/", everyone(200)),
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
    # The year's follow-up report (#24): public once published; its preview is posted by staff.
    "followup:report": (lambda w: "/arshjul/2027/uppfoljningsrapport/", everyone(200)),
    "followup:report-pdf": (
        lambda w: "/arshjul/2027/uppfoljningsrapport.pdf",
        everyone(200),  # the page that waits for the PDF being made
    ),
    "admin:followup_report_preview": (
        lambda w: reverse("admin:followup_report_preview", args=[Report.objects.get().pk]),
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 405, "editor": 405},
    ),
    # Without the personal link's key, nothing.
    "coordinator-confirm": (lambda w: "/samordnare/nasta-ar/", everyone(404)),
    # The open data's cycles, survey results and documents (#25): read by anyone, the same.
    "opendata:cycle-list": (lambda w: "/api/v1/cycles/", everyone(200)),
    "opendata:cycle-detail": (lambda w: "/api/v1/cycles/2027/", everyone(200)),
    "opendata:survey-result-list": (lambda w: "/api/v1/survey-results/", everyone(200)),
    "opendata:document-list": (lambda w: "/api/v1/documents/", everyone(200)),
    "opendata:document-detail": (
        lambda w: "/api/v1/documents/2027/followup_report/",
        everyone(200),
    ),
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
    # The open data: the same for everyone, signed in or not.
    "opendata:schema": (lambda w: "/api/v1/schema/", everyone(200)),
    "opendata:docs": (lambda w: "/api/v1/docs/", everyone(200)),
    "opendata:api-not-found": (lambda w: "/api/v1/finns-inte/", everyone(404)),
    # The open data's DCAT-AP-SE catalogue (#25): the same for everyone; its settings are one
    # row in the admin, the list goes to it.
    "opendata:catalogue-rdf": (lambda w: "/oppna-data/katalog.rdf", everyone(200)),
    "opendata:catalogue-jsonld": (lambda w: "/oppna-data/katalog.jsonld", everyone(200)),
    "opendata:catalogue-ttl": (lambda w: "/oppna-data/katalog.ttl", everyone(200)),
    # A dataset's URI: "see other", its part of the developers' page.
    "opendata:dataset": (lambda w: "/oppna-data/indikatorvarden", everyone(303)),
    "admin:opendata_cataloguesettings_changelist": (
        lambda w: "/admin/opendata/cataloguesettings/",
        {"anonymous": 302, "owner": 302, "outsider": 302, "reader": 302, "editor": 302},
    ),
    # Prometheus' address: without METRICS_TOKEN (the walker's world) it does not exist.
    "metrics": (lambda w: "/metrics", everyone(404)),
    # Driftstatus: staff of either role read it (only editors retry: its own tests).
    "admin:operations-status": (lambda w: reverse("admin:operations-status"), STAFF_ONLY),
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


def client_for(role, world):
    """A client signed in as the role (a coordinator of the world, or staff of the role)."""
    client = Client()
    if role in {"owner", "outsider"}:
        sign_in(client, world[role])
    elif role == "reader":
        client.force_login(staff_member("lasare", "Läsare"))
    elif role == "editor":
        client.force_login(staff_member("redaktor", "Redaktör"))
    return client
