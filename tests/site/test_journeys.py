"""Journeys as people make them, in a real browser, with axe on the pages they pass."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.site.helpers import CHROMIUM_ARGS, axe_violations

pytestmark = pytest.mark.browser


def in_a_thread(function):
    """The ORM may not run in Playwright's thread."""
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(function).result()


def test_a_visitor_registers_for_the_conference_and_cancels_through_the_link(
    chromium_path, transactional_db, demo_data, live_server
):
    from arshjul.models import OutgoingMail
    from registrations.models import Participant

    def personal_link():
        mail = OutgoingMail.objects.filter(kind="participant_confirmed").latest("pk")
        link = next(word for word in mail.body_text.split() if "/anmalan/?nyckel=" in word)
        return link[link.index("/anmalan/") :]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        page.goto("/arshjul/2027/moten/konferens/")
        page.get_by_role("link", name="Anmäl dig").click()
        assert axe_violations(page) == []
        page.get_by_label("Namn").fill("Vera Värmländsk")
        page.get_by_label("E-post").fill("vera@example.org")
        page.get_by_label("Din organisation, om den inte finns i listan").fill("Föreningen Framtid")
        page.get_by_role("button", name="Anmäl mig").click()
        page.wait_for_load_state()
        assert "Kolla din e-post" in page.content()
        assert axe_violations(page) == []

        page.goto(in_a_thread(personal_link))
        assert "Bekräftad" in page.content()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Avanmäl mig", exact=True).click()
        page.wait_for_load_state()
        assert "Vill du avanmäla dig" in page.content()  # asked first
        assert axe_violations(page) == []
        page.get_by_role("button", name="Ja, avanmäl mig").click()
        page.wait_for_load_state()
        assert "Din anmälan är avanmäld" in page.content()
        browser.close()
    statuses = in_a_thread(lambda: list(Participant.objects.values_list("status", flat=True)))
    assert "cancelled" in statuses


def test_a_group_answers_half_saves_and_another_member_finishes_with_the_keyboard(
    chromium_path, transactional_db, demo_data, live_server
):
    from survey import services
    from survey.models import Question, Response

    def fresh_link():
        response = Response.objects.filter(
            survey__cycle__year=2027, status="draft", started_at__isnull=True
        ).first()
        url = services.response_url(response)
        response.save()
        questions = {
            q.indicator_code or q.text: q.pk
            for q in Question.objects.filter(section__survey=response.survey)
        }
        return url[url.index("/enkat/") :], questions

    link, questions = in_a_thread(fresh_link)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        anna = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        anna.goto(link)
        assert axe_violations(anna) == []
        # Anna answers the first section after the group's meeting, and saves.
        anna.locator(f"#id_q{questions['ENK-1']}_0").check()
        anna.locator(f"#id_q{questions['ENK-2']}_1").check()
        anna.get_by_label("Några gånger per år").check()
        anna.get_by_label("Ditt namn (frivilligt)").fill("Anna")
        anna.get_by_role("button", name="Spara", exact=True).click()
        anna.wait_for_load_state()
        assert "Era svar är sparade." in anna.content()
        assert "3 av 8 frågor besvarade" in anna.content()

        # Bo opens the same link later, and finishes with the keyboard alone.
        bo = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        bo.goto(link)
        assert "av Anna" in bo.content()
        assert bo.locator(f"#id_q{questions['ENK-1']}_0").is_checked()
        bo.locator(f"#id_q{questions['ENK-3']}").focus()  # where an error-summary link lands
        keys = bo.keyboard
        keys.press("Tab")  # into the scale: 1
        for _ in range(3):
            keys.press("ArrowRight")  # … 4
        keys.press("Tab")  # ENK-4: Ja
        keys.press("Space")
        keys.press("Tab")  # the next scale
        for _ in range(4):
            keys.press("ArrowRight")
        keys.press("Tab")
        keys.type("Vi provade nya mötesformer med näringslivet.")
        keys.press("Tab")
        keys.type("Mer tid mellan mötena.")
        keys.press("Tab")
        keys.type("Bo")
        keys.press("Tab")  # Spara
        keys.press("Tab")  # Spara och gå vidare till att skicka in
        keys.press("Enter")
        bo.wait_for_url("**/enkat/skicka-in/**")
        summary = bo.content()
        assert "Kontrollera svaren innan ni skickar in" in summary
        assert "Vi provade nya mötesformer med näringslivet." in summary
        assert axe_violations(bo) == []
        for _ in range(80):
            if bo.evaluate("document.activeElement.name") == "submitted_by":
                break
            keys.press("Tab")
        keys.press("Tab")  # the button
        keys.press("Enter")
        bo.wait_for_url("**/enkat/kvitto/**")
        receipt = bo.content()
        assert "Tack! Gruppens svar är inskickade." in receipt
        assert "Inskickat av: Bo." in receipt
        assert axe_violations(bo) == []
        browser.close()

    def answers():
        from arshjul.lib.tokens import token_hash

        response = Response.objects.get(token_hash=token_hash(link.split("=")[1]))
        return response.status, {a.question_id: a.value for a in response.answers.all()}

    status, saved = in_a_thread(answers)
    assert status == "submitted"
    assert saved[questions["ENK-3"]] == "4"
    assert saved[questions["ENK-4"]] == "yes"


def test_a_coordinator_answers_the_working_material_and_marks_it_done(
    chromium_path, transactional_db, coordinator_session, live_server
):
    from working_material.models import Answer

    _, session_id, _pages = coordinator_session
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])
        page = context.new_page()
        page.goto("/min-organisation/")
        page.get_by_role("link", name="Arbetsmaterialet").click()
        page.get_by_role("link", name="Demografi och utanförskap").click()
        assert axe_violations(page) == []
        page.get_by_label("Typ").select_option("initiative")
        page.get_by_label("Namn").fill("Integrationsprojektet")
        page.get_by_label("Kort beskrivning").fill("Språkcafé och praktikplatser.")
        page.get_by_role("button", name="Lägg till en rad").click()
        page.wait_for_load_state()
        assert page.locator("#id_e-0-name").input_value() == "Integrationsprojektet"
        page.locator("#id_e-1-kind").select_option("network")
        page.locator("#id_e-1-name").fill("Näringslivsnätverket")
        page.get_by_label("Vad har varit svårt").fill("Att hitta praktikplatser.")
        page.get_by_role("button", name="Spara som utkast").click()
        page.wait_for_load_state()
        assert "Ert svar är sparat som utkast." in page.content()
        page.get_by_role("button", name="Spara och markera som klart").click()
        page.wait_for_load_state()
        assert "Sparat och markerat som klart. Tack!" in page.content()
        assert axe_violations(page) == []
        browser.close()

    def stored():
        answer = Answer.objects.get(organisation__name="Compare", status="done")
        return sorted(answer.entries.values_list("name", flat=True))

    assert in_a_thread(stored) == ["Integrationsprojektet", "Näringslivsnätverket"]


def test_a_staff_editor_follows_up_the_cycle_from_the_overview(
    chromium_path, transactional_db, demo_data, live_server, private_files
):
    """The issue's "done when": open the overview, filter "no participants yet", remind them
    (after seeing how many and the reminder), export the caterer's counts, print badges, copy
    the cycle with its coordinators — which mails nobody — then ask them after a preview."""
    from django.contrib.auth.models import Group

    from arshjul.models import Cycle, OutgoingMail
    from tests.helpers import staff_member

    in_a_thread(lambda: staff_member("redaktor", "Redaktör") and Group.objects.count())

    def reminders():
        return OutgoingMail.objects.filter(kind="reminder_no_participants").count()

    def asked():
        return OutgoingMail.objects.filter(kind="cycle_confirm").count()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", accept_downloads=True
        )
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Användarnamn").fill("redaktor")
        page.get_by_label("Lösenord").fill("a-long-test-password")
        page.get_by_role("button", name="Logga in").click()
        page.goto("/admin/arshjul/cycle/")
        page.get_by_role("row", name="Årshjul 2027").get_by_role("link", name="Översikt").click()
        assert "Översikt över Årshjul 2027" in page.content()
        assert axe_violations(page) == []

        page.get_by_label("Har inte än").select_option(label="Inga deltagare än till Arbetsmöte")
        page.get_by_role("button", name="Visa").click()
        page.wait_for_url("**not_yet=participants-*")
        overview = page.url
        shown = page.locator(".dashboard-table tbody tr").count()
        assert shown > 0
        page.get_by_role("button", name=f"Påminn de {shown} organisationer som visas").click()
        page.wait_for_load_state()
        assert "får en påminnelse" in page.content() and "Hej " in page.content()
        assert axe_violations(page) == []
        assert in_a_thread(reminders) == 0  # shown, not sent
        page.get_by_role("button", name="Skicka").click()
        page.wait_for_load_state()
        assert "fick en påminnelse" in page.content()
        assert in_a_thread(reminders) > 0

        with page.expect_download() as download:
            page.locator("section", has_text="Arbetsmöte").get_by_role(
                "link", name="Catering (CSV)"
            ).first.click()
        counts = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert counts.startswith("Kost;Antal")

        page.goto(overview)  # (back would be the confirmation, a page that was posted)
        page.locator("section", has_text="Arbetsmöte").get_by_role(
            "button", name="Namnbrickor (PDF)"
        ).first.click()
        page.wait_for_load_state()
        assert "Namnbrickor för ett möte" in page.content()

        page.goto("/admin/arshjul/cycle/")
        page.get_by_role("row", name="Årshjul 2027").get_by_role("checkbox").check()
        page.locator("select[name=action]").select_option(label="Kopiera årshjulet till nästa år")
        page.get_by_role("button", name="Utför").click()
        page.wait_for_url("**/kopiera/")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Kopiera årshjulet").click()
        page.wait_for_url("**/admin/arshjul/cycle/")
        assert "samordnare är överförda. Ingen har fått e-post" in page.content()
        assert in_a_thread(asked) == 0

        page.get_by_role("row", name="Årshjul 2028").get_by_role("checkbox").check()
        page.locator("select[name=action]").select_option(
            label="Fråga de överförda samordnarna om de fortsätter"
        )
        page.get_by_role("button", name="Utför").click()
        page.wait_for_load_state()
        assert "Är du fortfarande samordnare i Årshjul 2028?" in page.content()
        assert axe_violations(page) == []
        assert in_a_thread(asked) == 0  # the count and the e-mail, nothing sent
        page.get_by_role("button", name="Fråga").click()
        page.wait_for_load_state()
        assert "har fått frågan om de fortsätter" in page.content()
        browser.close()
    copy = in_a_thread(lambda: Cycle.objects.get(year=2028).coordinators.count())
    assert copy == in_a_thread(asked) > 0


def test_the_keyboard_goes_through_the_wheel_in_the_order_of_the_year(
    chromium_path, transactional_db, demo_data, live_server
):
    from arshjul import wheel
    from arshjul.models import Cycle
    from pages.wheel import steps_for

    expected = in_a_thread(
        lambda: [wheel.step_name(s) for s in steps_for(Cycle.objects.get(year=2027))]
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        page.goto("/")
        page.locator(".wheel a").first.focus()
        names = []
        for _ in expected:
            names.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
            page.keyboard.press("Tab")
        # The focus is visible: a dark ring around the focused step.
        page.locator(".wheel a").first.focus()
        width = page.evaluate(
            "getComputedStyle(document.activeElement.querySelector('.wheel-hit')).strokeWidth"
        )
        browser.close()
    assert names == expected
    assert width == "4px"


def test_two_members_on_stale_pages_keep_each_others_answers_and_unsaved_words_come_back(
    chromium_path, transactional_db, demo_data, live_server
):
    from survey import services
    from survey.models import Answer, Question, Response

    def fresh_link():
        response = Response.objects.filter(
            survey__cycle__year=2027, status="draft", started_at__isnull=True
        ).first()
        url = services.response_url(response)
        response.save()
        questions = {
            q.indicator_code or q.text: q.pk
            for q in Question.objects.filter(section__survey=response.survey)
        }
        texts = list(
            Question.objects.filter(section__survey=response.survey, kind="text")
            .order_by("section__position", "position")
            .values_list("pk", flat=True)
        )
        return url[url.index("/enkat/") :], questions, texts, response.pk

    link, questions, texts, response_id = in_a_thread(fresh_link)

    def saved() -> dict[int, str]:
        return dict(
            Answer.objects.filter(response_id=response_id).values_list("question_id", "value")
        )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        anna = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        bo = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        anna.goto(link)
        bo.goto(link)  # both pages open before anyone saves

        anna.locator(f"#id_q{questions['ENK-1']}_0").check()  # Ja
        anna.locator(f"#id_q{questions['ENK-3']}_3").check()  # 4
        anna.get_by_label("Ditt namn (frivilligt)").fill("Anna")
        anna.get_by_role("button", name="Spara", exact=True).click()
        anna.wait_for_load_state()

        # Bo writes only a free text on his old page, and saves: Anna's answers stay.
        bo.locator(f"#id_q{texts[0]}").fill("Bos tankar om strategin.")
        bo.get_by_label("Ditt namn (frivilligt)").fill("Bo")
        bo.get_by_role("button", name="Spara", exact=True).click()
        bo.wait_for_load_state()
        assert "Era svar är sparade." in bo.content()
        assert "ändrade det här" not in bo.content()
        assert bo.locator(f"#id_q{questions['ENK-1']}_0").is_checked()
        answers = in_a_thread(saved)
        assert answers[questions["ENK-1"]] == "yes" and answers[questions["ENK-3"]] == "4"
        assert answers[texts[0]] == "Bos tankar om strategin."

        # Anna changes that text; Bo, on his page, writes his own and leaves: the page saves
        # itself, meets Anna's change, and keeps his words for his next visit.
        anna.reload()
        anna.locator(f"#id_q{texts[0]}").fill("Annas version.")
        anna.get_by_role("button", name="Spara", exact=True).click()
        anna.wait_for_load_state()
        bo.locator(f"#id_q{texts[0]}").fill("Bos andra version.")
        bo.goto("/")
        for _ in range(50):
            bo.goto(link)
            if "det sparades inte" in bo.content():
                break
        assert "Bos andra version." in bo.content()
        assert bo.locator(f"#id_q{texts[0]}").input_value() == "Annas version."
        assert axe_violations(bo) == []
        bo.get_by_role("button", name="Lägg tillbaka det i fältet").click()
        bo.wait_for_load_state()
        assert bo.locator(f"#id_q{texts[0]}").input_value() == "Bos andra version."
        bo.get_by_role("button", name="Spara", exact=True).click()
        bo.wait_for_load_state()
        assert "Era svar är sparade." in bo.content()
        browser.close()
    answers = in_a_thread(saved)
    assert answers[texts[0]] == "Bos andra version."
    assert answers[questions["ENK-1"]] == "yes" and answers[questions["ENK-3"]] == "4"
