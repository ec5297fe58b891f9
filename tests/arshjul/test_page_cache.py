"""Public pages come whole from the shared cache — and never say anything stale: not after an
edit, not across midnight, not across the minute a registration opens or closes; never to
someone signed in; never with a CSRF token or cookie in them. They are given compressed
(brotli, gzip) as the visitor's Accept-Encoding takes; nothing with a secret in it is; and on
Redis a visit from the cache is one round trip."""

import gzip

import brotli
import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from arshjul.lib import page_cache
from meetings.models import Meeting
from meetings.services import meeting_save
from tests import factories
from tests.helpers import require, sign_in

pytestmark = pytest.mark.django_db

MEETING = "/arshjul/2027/moten/arbetsmote/"
PUBLIC = ["/", "/arshjul/", "/arshjul/2027/", "/arshjul/2027/moten/", MEETING,
          f"{MEETING}kalender.ics", "/arshjul/2027/kalender.ics", "/personuppgifter/",
          "/tillganglighet/"]  # fmt: skip


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


def test_a_public_page_is_served_from_the_cache_without_a_query(
    client, cycle, django_assert_num_queries
):
    for url in PUBLIC:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content, url


def test_anonymous_pages_carry_no_csrf_token_and_set_no_cookie(client, cycle):
    for url in PUBLIC:
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode(errors="replace"), url
        assert not response.cookies, url


def test_an_edit_is_seen_at_once(client, cycle):
    assert "Arbetsmöte" in client.get(MEETING).content.decode()
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.title = "Arbetsmöte om kompetens"
    meeting_save(meeting=meeting)
    assert "Arbetsmöte om kompetens" in client.get(MEETING).content.decode()
    assert "Arbetsmöte om kompetens" in client.get("/").content.decode()  # on the wheel too
    assert "Arbetsmöte om kompetens" in client.get(f"{MEETING}kalender.ics").content.decode()


def test_a_new_material_is_seen_at_once(client, cycle):
    assert "Program för dagen" not in client.get(MEETING).content.decode()
    factories.material(
        cycle, meeting=cycle.meetings.get(slug="arbetsmote"), title="Program för dagen"
    )
    assert "Program för dagen" in client.get(MEETING).content.decode()


def test_the_registration_state_is_never_stale_across_the_deadline(client, cycle, frozen_now):
    frozen_now(2026, 12, 19, 23, 59, 0)
    assert "Sista dagen att anmäla sig är i dag" in client.get(MEETING).content.decode()
    assert (
        "Sista dagen att anmäla sig är i dag" in client.get("/arshjul/2027/moten/").content.decode()
    )
    frozen_now(2026, 12, 20, 0, 0, 0)
    for url in [MEETING, "/arshjul/2027/moten/"]:
        html = client.get(url).content.decode()
        assert "Anmälan stängde 19 december" in html, url
        assert "Sista dagen" not in html, url


def test_days_left_change_at_midnight(client, cycle, frozen_now):
    frozen_now(2026, 12, 17, 23, 59, 0)
    assert "2 dagar kvar" in client.get(MEETING).content.decode()
    frozen_now(2026, 12, 18, 0, 0, 1)
    assert "1 dag kvar" in client.get(MEETING).content.decode()


def test_a_registration_opens_at_its_minute(client, cycle, frozen_now):
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.registration_opens_at = factories.end_of_day(2026, 11, 27)  # 23:59:59
    meeting_save(meeting=meeting)
    frozen_now(2026, 11, 27, 23, 59, 58)
    assert "Anmälan öppnar" in client.get(MEETING).content.decode()
    frozen_now(2026, 11, 27, 23, 59, 59)
    assert "Anmälan öppnar" not in client.get(MEETING).content.decode()


def test_someone_signed_in_never_gets_a_cached_page_nor_leaves_one(client, cycle):
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    coordinator = factories.coordinator(cycle, org, name="Anna", email="anna@kil.example.org")
    anonymous = Client()
    assert "Min organisation" not in anonymous.get("/").content.decode()
    sign_in(client, coordinator)
    assert "Min organisation" in client.get("/").content.decode()
    assert "Logga ut" in client.get(MEETING).content.decode()
    assert "Min organisation" not in anonymous.get(MEETING).content.decode()
    assert "no-store" in client.get("/")["Cache-Control"]


def test_each_language_has_its_own_cached_page(client, cycle):
    assert '<html lang="sv">' in client.get("/").content.decode()
    client.get("/sprak/en/?next=/")
    assert '<html lang="en">' in client.get("/").content.decode()
    assert '<html lang="sv">' in Client().get("/").content.decode()


def test_a_browser_asking_again_gets_304_not_modified(client, cycle):
    for url in [MEETING, f"{MEETING}kalender.ics"]:
        first = client.get(url)
        assert first["ETag"] and first["Last-Modified"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert client.get(url)["ETag"] == first["ETag"]
        assert "no-cache" in first["Cache-Control"]


def test_a_head_request_is_answered_like_a_get(client, cycle):
    response = client.head(MEETING)
    assert response.status_code == 200 and response.content == b""


# --- A coordinator's own pages, kept per session ---------------------------------------


@pytest.fixture
def anna(cycle):
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    return factories.coordinator(cycle, org, name="Anna", email="anna@kil.example.org")


def signed_in(coordinator) -> Client:
    client = sign_in(Client(), coordinator)
    client.get("/min-organisation/")  # the first answer of a session sets its CSRF cookie
    return client


def test_a_coordinators_page_is_kept_for_that_session_only(
    cycle, anna, django_assert_max_num_queries
):
    client = signed_in(anna)
    first = client.get("/min-organisation/")
    with django_assert_max_num_queries(1):  # who is signed in; the page from the cache
        again = client.get("/min-organisation/")
    assert again.content == first.content and "no-store" in again["Cache-Control"]

    other_org = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    erik = factories.coordinator(cycle, other_org, name="Erik", email="erik@eda.example.org")
    html = signed_in(erik).get("/min-organisation/").content.decode()
    assert "Eda kommun" in html and "Kils kommun" not in html


def test_a_new_participant_shows_at_once(cycle, anna):
    client = signed_in(anna)
    meeting = cycle.meetings.get(slug="arbetsmote")
    group = cycle.cycle_challenges.first().challenge
    assert "Ada Andersson" not in client.get("/min-organisation/").content.decode()
    from registrations.services import Person, participants_register

    participants_register(
        meeting=meeting,
        organisation=anna.organisation,
        people=[Person("Ada Andersson", "ada@kil.example.org", workshop_group=group)],
    )
    assert "Ada Andersson" in client.get("/min-organisation/").content.decode()


def test_a_signed_out_sessions_cookie_gets_no_page(cycle, anna):
    client = signed_in(anna)
    client.get("/min-organisation/")
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    client.post("/logga-ut/")
    replay = Client()
    for name, value in cookies.items():
        replay.cookies[name] = value
    response = replay.get("/min-organisation/")
    assert response.status_code == 302 and response.url.startswith("/logga-in/")


def test_acting_for_another_organisation_shows_that_organisations_page(cycle):
    paper = factories.organisation(name="Paper Province")
    compare = factories.organisation(name="Compare")
    first = factories.coordinator(cycle, paper, email="karin@example.org")
    second = factories.coordinator(cycle, compare, email="karin@example.org")
    client = signed_in(first)
    assert "<h1>Paper Province</h1>" in client.get("/min-organisation/").content.decode()
    client.post("/min-organisation/valj/", {"coordinator": second.pk})
    assert "<h1>Compare</h1>" in client.get("/min-organisation/").content.decode()


def test_the_message_after_registering_is_shown(cycle, anna):
    from tests.helpers import rows

    client = signed_in(anna)
    meeting = cycle.meetings.get(slug="arbetsmote")
    group = cycle.cycle_challenges.first().challenge
    client.get(f"/min-organisation/moten/{meeting.pk}/anmal/")
    response = client.post(
        f"/min-organisation/moten/{meeting.pk}/anmal/",
        rows(("Ada Andersson", "ada@kil.example.org"), group=group),
        follow=True,
    )
    assert "1 deltagare är anmäld" in response.content.decode()
    assert "1 deltagare är anmäld" not in client.get("/min-organisation/").content.decode()


def test_the_add_form_closes_at_the_deadline(cycle, anna, frozen_now):
    meeting = cycle.meetings.get(slug="arbetsmote")
    frozen_now(2026, 12, 19, 23, 59, 0)
    client = signed_in(anna)
    url = f"/min-organisation/moten/{meeting.pk}/anmal/"
    assert "Anmäl deltagarna" in client.get(url).content.decode()
    frozen_now(2026, 12, 20, 0, 0, 0)
    assert "Anmäl deltagarna" not in client.get(url).content.decode()


def test_scheduled_material_appears_at_its_moment(client, cycle, frozen_now):
    import datetime

    from django.utils import timezone

    meeting = cycle.meetings.get(slug="arbetsmote")
    factories.material(
        cycle,
        meeting=meeting,
        title="Program för dagen",
        published_from=timezone.now() + datetime.timedelta(hours=2),
    )
    factories.material(
        cycle, title="Nulägesanalysen", published_from=timezone.now() + datetime.timedelta(hours=2)
    )
    assert "Program för dagen" not in client.get(MEETING).content.decode()
    assert "Nulägesanalysen" not in client.get("/").content.decode()
    frozen_now(2026, 11, 27, 14, 0, 1)
    assert "Program för dagen" in client.get(MEETING).content.decode()
    assert "Nulägesanalysen" in client.get("/").content.decode()


# --- What a review found ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_page_made_while_an_edit_commits_is_not_kept(frozen_now):
    """A visitor between the save and its commit sees the old rows; that page must not
    outlive the commit."""
    import threading

    from django.db import connections, transaction

    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    assert "Arbetsmöte" in Client().get(MEETING).content.decode()
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")

    def visitor():
        try:
            Client().get(MEETING)
        finally:
            connections.close_all()

    with transaction.atomic():
        meeting.title = "Arbetsmöte om kompetens"
        meeting_save(meeting=meeting)
        thread = threading.Thread(target=visitor)
        thread.start()
        thread.join()
    assert "Arbetsmöte om kompetens" in Client().get(MEETING).content.decode()


def test_pages_asked_with_a_query_are_not_kept(client, cycle, django_assert_num_queries):
    client.get(f"{MEETING}?x=1")
    with django_assert_num_queries(4):  # made again: nothing was stored for ?x=1
        assert client.get(f"{MEETING}?x=1").status_code == 200


def test_a_flood_of_pages_never_pushes_out_a_staff_login_lock(client, cycle, staff, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 5
    guesser = Client(REMOTE_ADDR="81.2.69.9")
    for n in range(5):
        guesser.post("/admin/login/?next=/admin/", {"username": "staff", "password": f"fel{n}"})
    for n in range(400):
        client.get(f"/personuppgifter/?x={n}")
        client.get(f"/arshjul/2027/moten/arbetsmote/?y={n}")
    response = guesser.post(
        "/admin/login/?next=/admin/", {"username": "staff", "password": "a-long-test-password"}
    )
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_a_deactivated_coordinator_gets_no_kept_page(cycle, anna):
    from django.contrib.auth import get_user_model

    client = signed_in(anna)
    assert client.get("/min-organisation/").status_code == 200
    assert client.get("/min-organisation/").status_code == 200  # from the cache
    get_user_model().objects.filter(email=anna.email).update(is_active=False)
    response = client.get("/min-organisation/")
    assert response.status_code == 302 and response.url.startswith("/logga-in/")


def test_an_answer_that_hands_out_a_csrf_token_is_never_kept(rf, settings, cycle):
    from django.middleware.csrf import CsrfViewMiddleware
    from django.template import Context, Template

    from arshjul.lib.page_cache import public_page

    @public_page(depends_on=["meetings.Meeting"])
    def page_with_a_form(request):
        from django.http import HttpResponse

        template = Template("<form>{% csrf_token %}</form>")
        return HttpResponse(template.render(Context({"csrf_token": _token(request)})))

    def _token(request):
        from django.middleware.csrf import get_token

        return get_token(request)

    middleware = CsrfViewMiddleware(page_with_a_form)
    first = middleware(rf.get("/sida/"))
    second = middleware(rf.get("/sida/"))
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert first.content != second.content  # each visitor their own token: nothing kept


# --- One address per page ---------------------------------------------------------------

OTHER_SPELLINGS = [
    "/arshjul/02027/",
    "/arshjul/0002027/",
    "/arshjul/00000000000000000000000000000000000002027/",
    "/arshjul/02027/moten/",
    "/arshjul/02027/moten/arbetsmote/",
    "/arshjul/02027/moten/arbetsmote/kalender.ics",
    "/arshjul/02027/kalender.ics",
    "/arshjul/02027/arshjul.svg",
    "/arshjul/02027/inbaddning/",
    "/arshjul/02027/enkat/",
    "/arshjul/02027/nulagesanalys/",
    "/arshjul/02027/moten/konferens/anmal/",
    "/arshjul/202/",
    "/arshjul/20270/",
]


def kept(url: str, private: str = "") -> bool:
    """Whether the page cache holds a page for exactly this address."""
    with translation.override("sv"):
        key = page_cache._page_key(RequestFactory().get(url), private=private)
    return caches["pages"].get(f"{key}:identity") is not None


def test_a_year_spelt_otherwise_is_not_found_and_never_kept(client, cycle):
    assert client.get("/arshjul/2027/").status_code == 200 and kept("/arshjul/2027/")
    for url in OTHER_SPELLINGS:
        response = client.get(url)
        assert response.status_code == 404, url
        assert not kept(url), url
    assert reverse("cycle-detail", args=[2027]) == "/arshjul/2027/"


def test_an_id_spelt_with_leading_zeros_is_not_found_for_a_coordinator_either(cycle, anna):
    client = signed_in(anna)
    meeting = cycle.meetings.get(slug="arbetsmote")
    assert client.get(f"/min-organisation/moten/{meeting.pk}/anmal/").status_code == 200
    challenge = cycle.cycle_challenges.first().challenge
    for url in [
        f"/min-organisation/moten/0{meeting.pk}/anmal/",
        f"/min-organisation/moten/000{meeting.pk}/anmal/",
        f"/min-organisation/arbetsmaterial/0{challenge.pk}/",
        "/min-organisation/moten/0/anmal/",
        f"/min-organisation/moten/{'9' * 30}/anmal/",
    ]:
        assert client.get(url).status_code == 404, url


# --- Kept compressed, given by Accept-Encoding; never a page with a secret ------------------

DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}


def test_a_visitor_gets_the_page_in_the_encoding_they_take(client, cycle):
    for url in PUBLIC:
        plain = Client().get(url)
        for _ in ("made", "from the cache"):
            for encoding, decompress in DECOMPRESS.items():
                response = client.get(url, HTTP_ACCEPT_ENCODING=f"{encoding}, identity")
                assert response["Content-Encoding"] == encoding, url
                assert decompress(response.content) == plain.content, url
                assert (
                    int(response["Content-Length"]) == len(response.content) < len(plain.content)
                ), url
                assert "Accept-Encoding" in response["Vary"], url
            assert client.get(url, HTTP_ACCEPT_ENCODING="identity").content == plain.content
        assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"], url


@pytest.mark.parametrize(
    ("accept", "given"),
    [
        ("gzip, deflate, br, zstd", "br"),  # a browser's
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("br;q=0, gzip;q=0", None),
        ("deflate", None),
        ("", None),
    ],
)
def test_what_accept_encoding_says_is_honoured(client, cycle, accept, given):
    for _ in ("made", "from the cache"):
        response = client.get(MEETING, HTTP_ACCEPT_ENCODING=accept)
        assert response.get("Content-Encoding") == given
        assert "Arbetsmöte".encode() in DECOMPRESS.get(given, bytes)(response.content)


def test_each_encoding_has_its_own_etag_and_gets_its_304(client, cycle):
    etags = {
        encoding: client.get(MEETING, HTTP_ACCEPT_ENCODING=encoding)["ETag"]
        for encoding in ["br", "gzip", "identity"]
    }
    assert len(set(etags.values())) == 3
    for encoding, etag in etags.items():
        again = client.get(MEETING, HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, encoding
    # The gzipped page's tag does not vouch for the brotli one: the whole page is sent.
    other = client.get(MEETING, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etags["gzip"])
    assert other.status_code == 200 and other["Content-Encoding"] == "br"


def test_a_head_request_is_answered_compressed_like_a_get(client, cycle):
    get = client.get(MEETING, HTTP_ACCEPT_ENCODING="br")
    head = client.head(MEETING, HTTP_ACCEPT_ENCODING="br")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Encoding"] == "br" and head["ETag"] == get["ETag"]


def test_the_open_data_is_compressed_too(client, cycle):
    plain = client.get("/api/v1/cycles/")
    assert plain.status_code == 200
    for _ in ("made", "from the cache"):
        response = client.get("/api/v1/cycles/", HTTP_ACCEPT_ENCODING="br")
        assert brotli.decompress(response.content) == plain.content
        assert response["Content-Type"] == plain["Content-Type"]


def test_a_signed_in_persons_pages_are_never_compressed(cycle, anna):
    client = signed_in(anna)
    for url in ["/min-organisation/", "/", MEETING]:
        for _ in ("made", "from the cache"):
            response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
            assert response.status_code == 200, url
            assert "Content-Encoding" not in response, url
            assert b"Kils kommun" in response.content or url != "/min-organisation/"
    form = f"/min-organisation/moten/{cycle.meetings.get(slug='arbetsmote').pk}/anmal/"
    response = client.get(form, HTTP_ACCEPT_ENCODING="br, gzip")
    assert b"csrfmiddlewaretoken" in response.content and "Content-Encoding" not in response


def test_a_page_with_a_csrf_token_is_never_compressed(client, cycle):
    """The conference's registration form, to someone not signed in: a CSRF token in it."""
    conference = Meeting.objects.get(cycle=cycle, slug="konferens")
    conference.participation = "open"
    conference.registration_closes_at = factories.end_of_day(2027, 9, 15)
    meeting_save(meeting=conference)
    url = "/arshjul/2027/moten/konferens/anmal/"
    for _ in ("first", "again"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200
        assert b"csrfmiddlewaretoken" in response.content
        assert "Content-Encoding" not in response


def test_a_public_view_handing_out_a_csrf_token_is_not_compressed(rf, cycle):
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, get_token
    from django.template import Context, Template

    from arshjul.lib.page_cache import public_page

    @public_page(depends_on=["meetings.Meeting"])
    def page_with_a_form(request):
        template = Template("<form>{% csrf_token %}</form>" + "x" * 1000)
        return HttpResponse(template.render(Context({"csrf_token": get_token(request)})))

    middleware = CsrfViewMiddleware(page_with_a_form)
    for _ in ("first", "again"):
        response = middleware(rf.get("/sida/", HTTP_ACCEPT_ENCODING="br, gzip"))
        assert b"csrfmiddlewaretoken" in response.content
        assert "Content-Encoding" not in response


# --- On Redis, as production: one round trip per visit from the cache ----------------------


@pytest.fixture
def on_redis(settings):
    """Both caches on one Redis, as production configures them (arshjul/settings.py): the
    environment's CACHE_URL where it names Redis, else the tests' Redis database 13."""
    import os

    import redis

    url = os.environ.get("CACHE_URL", "")
    url = url if url.startswith("redis://") else "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        available = True
    except redis.RedisError:
        available = False
    require(available, f"no Redis server at {url}")
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": url},
        "pages": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "pages"},
    }
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def round_trips(monkeypatch):
    """Every command (or pipeline) this process sends to Redis, as sent."""
    from redis.connection import AbstractConnection

    sent = []
    send = AbstractConnection.send_packed_command

    def counted(self, command, *args, **kwargs):
        sent.append(b"".join(command) if isinstance(command, list) else bytes(command))
        return send(self, command, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)
    return sent


def test_on_redis_a_visit_from_the_cache_is_one_mget(on_redis, client, cycle, round_trips):
    for url in [MEETING, "/", f"{MEETING}kalender.ics"]:
        first = client.get(url, HTTP_ACCEPT_ENCODING="br")
        round_trips.clear()
        again = client.get(url, HTTP_ACCEPT_ENCODING="br")
        assert again.content == first.content and again["Content-Encoding"] == "br", url
        assert len(round_trips) == 1, (url, round_trips)
        assert round_trips[0].startswith(b"*") and b"\r\nMGET\r\n" in round_trips[0][:20], url


def test_on_redis_the_open_data_from_the_cache_is_one_mget_beside_its_limit(
    on_redis, client, cycle, round_trips
):
    client.get("/api/v1/cycles/", HTTP_ACCEPT_ENCODING="gzip")
    round_trips.clear()
    assert client.get("/api/v1/cycles/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    pages = [sent for sent in round_trips if b"page-cache" in sent]
    assert len(pages) == 1 and b"\r\nMGET\r\n" in pages[0][:20]
    assert all(b"ratelimit" in sent for sent in round_trips if sent not in pages)


def test_on_redis_an_edit_is_seen_at_once_in_every_encoding(on_redis, client, cycle):
    for encoding in ["br", "gzip", "identity"]:
        client.get(MEETING, HTTP_ACCEPT_ENCODING=encoding)
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.title = "Arbetsmöte om kompetens"
    meeting_save(meeting=meeting)
    for encoding, decompress in [*DECOMPRESS.items(), ("identity", bytes)]:
        response = client.get(MEETING, HTTP_ACCEPT_ENCODING=encoding)
        assert "Arbetsmöte om kompetens".encode() in decompress(response.content), encoding


def test_on_redis_a_signed_in_persons_page_is_kept_plain(on_redis, cycle, anna, round_trips):
    client = signed_in(anna)
    first = client.get("/min-organisation/", HTTP_ACCEPT_ENCODING="br")
    again = client.get("/min-organisation/", HTTP_ACCEPT_ENCODING="br")
    assert again.content == first.content and "Content-Encoding" not in again
