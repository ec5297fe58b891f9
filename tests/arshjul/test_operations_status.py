"""The staff page "Driftstatus": the state of every part in words, before anyone calls IT.
Readers read it; editors send failed e-mails and start failed PDFs again; coordinators and
visitors get nothing."""

import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from arshjul.lib import operations
from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail, PdfJob
from tests.helpers import celery_broker, refused_by_the_admin

pytestmark = pytest.mark.django_db

URL = "/admin/driftstatus/"


def text_of(content: bytes) -> str:
    """The page's text as read: tags gone, entities read, white space as single spaces."""
    return " ".join(html.unescape(strip_tags(content.decode())).split())


def failed_mail(key="failed", **fields):
    return OutgoingMail.objects.create(
        kind="test",
        to="mottagare@example.org",
        subject="Hemligt ämne",
        body_text="Hemlig text",
        dedup_key=key,
        state=OutgoingMail.State.FAILED,
        attempts=1,
        last_error="550 5.1.1 <mottagare@example.org>: Mailbox unavailable",
        **fields,
    )


def failed_pdf_job(cycle, **fields):
    return PdfJob.objects.create(
        kind="coordinator_list",
        parameters={"cycle_id": cycle.pk},
        about="Årshjul 2027",
        state=PdfJob.State.FAILED,
        error="The PDF took too long to make.",
        **fields,
    )


@pytest.fixture
def failures(cycle, frozen_now):
    frozen_now(2026, 12, 7, 21, 40)
    return failed_mail(), failed_pdf_job(cycle)


def test_the_whole_cast_gets_what_it_may(cast, failures):
    mail, job = failures
    for role in ["anonymous", "owner", "outsider"]:
        for response in [
            cast[role].get(URL),
            cast[role].post(URL, {"mail": mail.pk}),
            cast[role].post(URL, {"pdf_job": job.pk}),
        ]:
            assert refused_by_the_admin(response, role), role
            assert b"Driftstatus" not in response.content

    reader = cast["reader"].get(URL)
    assert reader.status_code == 200
    page = text_of(reader.content)
    assert "Driftstatus" in page and "E-post som inte kunde skickas" in page
    assert "Skicka igen" not in page and "Starta igen" not in page
    for data in [{"mail": mail.pk}, {"pdf_job": job.pk}, {}]:
        assert cast["reader"].post(URL, data).status_code == 403
    mail.refresh_from_db()
    job.refresh_from_db()
    assert mail.state == OutgoingMail.State.FAILED and job.state == PdfJob.State.FAILED

    editor = text_of(cast["editor"].get(URL).content)
    assert "Skicka igen" in editor and "Starta igen" in editor


def test_an_editor_sends_a_failed_mail_again_and_it_goes_back_to_the_queue(
    cast, failures, broker_down
):
    mail, _job = failures
    response = cast["editor"].post(URL, {"mail": mail.pk})
    assert response.status_code == 302 and response["Location"] == URL
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.QUEUED and mail.attempts == 0
    page = text_of(cast["editor"].get(URL).content)
    assert "E-postmeddelandet ligger i kön igen." in page
    # Twice is nothing more: it is no longer a failed one.
    cast["editor"].post(URL, {"mail": mail.pk})
    assert "kan inte längre skickas igen" in text_of(cast["editor"].get(URL).content)


def test_an_editor_starts_a_failed_pdf_again(
    cast, failures, private_files, django_capture_on_commit_callbacks
):
    _mail, job = failures
    with django_capture_on_commit_callbacks(execute=True):
        response = cast["editor"].post(URL, {"pdf_job": job.pk})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == PdfJob.State.DONE  # no broker here: made at once


def test_a_post_that_names_nothing_is_a_bad_request(cast):
    assert cast["editor"].post(URL, {}).status_code == 400
    assert cast["editor"].post(URL, {"mail": "x"}).status_code == 400


def test_it_shows_a_failed_mail_and_the_sweeps_last_run_in_words(
    reader_client, failures, frozen_now
):
    run_sweeps(["outbox"])
    page = text_of(reader_client.get(URL).content)
    assert "Testmejl" in page  # its kind, in words
    assert "550 5.1.1 <[email]>: Mailbox unavailable" in page  # the server quoted the address
    assert "1 e-postmeddelande kunde inte skickas" in page
    # The sweep's last run, in Swedish time as Swedish texts write it.
    assert "7 december 2026 kl. 21.40" in page
    assert "Hemlig text" not in page and "Hemligt ämne" not in page
    assert "mottagare@example.org" not in page
    # Statuses are written out, not only coloured.
    assert "Varning" in page and "OK" in page


def test_it_says_a_sweep_failed_in_words(reader_client, frozen_now):
    from arshjul.lib.sweeps import sweeps

    frozen_now(2026, 12, 7, 21, 40)

    @sweeps.register(name="test-broken")
    def broken():
        raise RuntimeError("the disk is full")

    try:
        run_sweeps(["test-broken"])
        page = text_of(reader_client.get(URL).content)
    finally:
        sweeps.unregister("test-broken")
    assert "1 svep misslyckades senast det kördes." in page
    assert "Misslyckades: RuntimeError: the disk is full" in page
    assert "Fel" in page


def test_on_a_laptop_it_says_that_mail_is_printed_not_sent(reader_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    page = text_of(reader_client.get(URL).content)
    assert "E-post skrivs ut i serverns logg och skickas inte" in page
    assert "uppgifterna körs i webbservern" in page


def test_it_reaches_the_mail_server(reader_client, smtp_server):
    page = text_of(reader_client.get(URL).content)
    assert f"E-postservern 127.0.0.1:{smtp_server.port} svarar." in page


def test_it_says_when_the_mail_server_cannot_be_reached(reader_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    settings.EMAIL_USE_SSL = settings.EMAIL_USE_TLS = False
    page = text_of(reader_client.get(URL).content)
    assert "E-postservern 127.0.0.1:1 gick inte att nå" in page


def test_with_the_broker_down_and_no_pdf_worker_it_says_what_waits(
    reader_client, settings, frozen_now
):
    frozen_now(2026, 12, 7, 21, 40)
    operations.worker_heartbeat_record(hostname="default@web1", queues=["default"])
    operations.worker_heartbeat_record(hostname="pdf@web1", queues=["pdf"])
    frozen_now(2026, 12, 7, 21, 45)  # the pdf worker has not been heard from since
    operations.worker_heartbeat_record(hostname="default@web1", queues=["default"])
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    with celery_broker("redis://127.0.0.1:1/0"):
        page = text_of(reader_client.get(URL).content)
    assert "Kön går inte att nå: e-post och PDF:er väntar" in page
    assert "Ingen arbetsprocess tar uppgifter från kön ”pdf”" in page
    assert "default@web1" in page


def test_its_queries_do_not_grow_with_the_rows(
    reader_client, cycle, django_assert_max_num_queries, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = timezone.now()
    for n in range(20):
        failed_mail(key=f"failed-{n}")
        failed_pdf_job(cycle)
        operations.worker_heartbeat_record(hostname=f"w{n}@host", queues=["default", "pdf"])
        operations.sweep_run_record(
            name=f"sweep-{n}", started_at=now, finished_at=now - datetime.timedelta(minutes=n)
        )
    reader_client.get(URL)  # the session and the user, once
    with django_assert_max_num_queries(14):
        response = reader_client.get(URL)
    assert response.status_code == 200


def test_the_admin_links_to_it(reader_client, editor_client):
    for client in [reader_client, editor_client]:
        page = client.get("/admin/").content.decode()
        assert 'href="/admin/driftstatus/"' in page
    assert (
        'href="/admin/driftstatus/"' in reader_client.get("/admin/arshjul/pdfjob/").content.decode()
    )


def test_a_staff_member_without_a_role_is_refused(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("ingen", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert 'href="/admin/driftstatus/"' not in client.get("/admin/").content.decode()


@pytest.mark.browser
def test_in_a_browser_it_is_accessible_fits_a_phone_and_an_editor_retries_with_a_click(
    chromium_path, transactional_db, live_server, settings
):
    from playwright.sync_api import sync_playwright

    from tests.helpers import staff_member
    from tests.site.helpers import CHROMIUM_ARGS, axe_violations

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail = failed_mail()
    run_sweeps(["outbox-erase"])
    client = Client()
    client.force_login(staff_member("redaktor", "Redaktör"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        session_id = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])
        page = context.new_page()
        blocked = []
        page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
        found = {}
        for width in [375, 1280]:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(URL)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if violations := axe_violations(page):
                found[width] = violations
        page.get_by_role("button", name="Skicka igen").click()
        page.wait_for_load_state()
        assert "E-postmeddelandet ligger i kön igen." in page.content()
        browser.close()
    assert found == {} and blocked == []
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.SENT  # no broker here: sent at once
