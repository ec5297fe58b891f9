"""The cycle dashboard: one row per organisation with what it has done, filters, reminding
exactly those filtered (once), and a message staff write — for the whole cast."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arshjul import dashboard
from arshjul.models import OutgoingMail
from pages.overview import OVERVIEW
from registrations.services import Person, participants_register
from tests import factories
from tests.confirming import as_data, confirm, confirming_form, the_cast
from tests.helpers import DASHBOARD, sign_in

pytestmark = pytest.mark.django_db


def column(board, key_start):
    return next(c for c in board.columns if c.key.startswith(key_start))


def test_the_figures_are_those_of_the_fixture(world):
    board = dashboard.dashboard_for(world["cycle"], columns=OVERVIEW.columns)
    rows = {row.organisation.name: row for row in board.rows}
    assert {"Kils kommun", "Eda kommun", "Karlstads universitet"} <= set(rows)
    work = column(board, f"participants-{world['work'].pk}")
    assert work.cell(world["kil"].pk).text == "2 / 1"
    assert work.cell(world["eda"].pk).text == "0 / 0"
    assert work.total == "2 / 1"
    assert {world["eda"].pk, world["kau"].pk} <= work.pending
    assert world["kil"].pk not in work.pending
    invitations = column(board, "invitations-")
    assert invitations.cell(world["kil"].pk).text == "1 ja, 0 nej, 1 har inte svarat"
    assert invitations.cell(world["eda"].pk).text == "–"  # not invited
    survey = column(board, "survey-")
    assert survey.cell(world["kil"].pk).text == "1 av 2 inskickade"
    assert survey.cell(world["eda"].pk).text == "0 av 1 inskickade"
    assert survey.total == "1 av 3 inskickade"
    assert [p.name for p in rows["Kils kommun"].coordinators] == ["Anna Kil"]
    assert rows["Karlstads universitet"].coordinators == []


def test_filters_by_category_and_by_what_is_not_yet_done(world, editor_client):
    work = world["work"]
    html = editor_client.get(
        DASHBOARD.format(world["cycle"].pk), {"not_yet": f"participants-{work.pk}"}
    ).content.decode()
    assert "Eda kommun" in html and "Karlstads universitet" in html
    assert "Kils kommun" not in html
    total = len(dashboard.organisations_of(world["cycle"]))
    assert f"Visar {total - 1} av {total} organisationer" in html
    html = editor_client.get(
        DASHBOARD.format(world["cycle"].pk),
        {"not_yet": f"participants-{work.pk}", "category": "municipality"},
    ).content.decode()
    assert "Eda kommun" in html and "Karlstads universitet" not in html


def remind(client, url, data):
    """Remind as staff do: the button, then the confirmation page's button."""
    return confirm(client, url, client.post(url, data))


def test_the_reminder_reaches_exactly_the_filtered_once(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    data = {"not_yet": f"participants-{world['work'].pk}", "remind": "1"}

    page = remind(editor_client, url, data).content.decode()

    reminders = OutgoingMail.objects.filter(kind="reminder_no_participants")
    assert list(reminders.values_list("to", flat=True)) == ["erik@eda.example.org"]
    shown = len(dashboard.organisations_of(world["cycle"])) - 1  # all but Kil
    assert f"1 organisation av {shown} som visas fick en påminnelse" in page
    assert "22 dagar kvar" in reminders.get().subject
    again = editor_client.post(url, data, follow=True).content.decode()
    assert "Ingen att påminna nu." in again  # nothing more to confirm
    assert reminders.count() == 1  # each reminder once


def test_reminding_shows_how_many_and_the_reminder_itself_and_sends_nothing_yet(
    world, editor_client
):
    url = DASHBOARD.format(world["cycle"].pk)
    data = {"not_yet": f"participants-{world['work'].pk}", "remind": "1"}

    page = editor_client.post(url, data)

    html = page.content.decode()
    shown = len(dashboard.organisations_of(world["cycle"])) - 1
    assert page.status_code == 200
    assert f"1 organisation av {shown} som visas får en påminnelse." in html
    assert "Hej Erik Eda" in html and "22 dagar kvar" in html  # the reminder as Erik gets it
    assert 'value="Skicka 1 påminnelse"' in html
    assert not OutgoingMail.objects.exists()


def test_the_same_reminder_confirmation_posted_twice_sends_once(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    first = editor_client.post(url, {"not_yet": f"survey-{world['survey'].pk}", "remind": "1"})
    form = confirming_form(first)

    confirm(editor_client, url, first)
    confirm(editor_client, url, first)  # a second click on the same page

    assert form["action"] == url
    sent = OutgoingMail.objects.filter(kind="survey_reminder")
    assert list(sent.values_list("to", flat=True)) == ["lg@eda.example.org"]


def test_the_survey_reminder_goes_to_the_groups_not_submitted_of_the_filtered(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    survey = world["survey"]
    remind(
        editor_client,
        url,
        {"not_yet": f"survey-{survey.pk}", "category": "municipality", "remind": "1"},
    )
    # Reminded already: nothing left to confirm.
    again = editor_client.post(url, {"not_yet": f"survey-{survey.pk}", "remind": "1"}, follow=True)
    assert "Ingen att påminna nu." in again.content.decode()
    # Kil's second group never had a link; Eda's has, and is reminded once.
    sent = OutgoingMail.objects.filter(kind="survey_reminder")
    assert list(sent.values_list("to", flat=True)) == ["lg@eda.example.org"]


def test_invitees_who_have_not_answered_are_reminded_once(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    data = {"not_yet": f"invitations-{world['direction'].pk}", "remind": "1"}
    remind(editor_client, url, data)
    editor_client.post(url, data)
    sent = OutgoingMail.objects.filter(kind="invitation_reminder")
    assert list(sent.values_list("to", flat=True)) == ["tyst@kil.example.org"]


def test_a_message_is_previewed_then_sent_once_to_each_filtered_coordinator(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    message = {
        "not_yet": f"participants-{world['work'].pk}",
        "subject": "Lokalen är bytt",
        "body": "Vi ses på Scandic i stället.",
    }

    preview = editor_client.post(url, {**message, "preview": "1"})
    html = preview.content.decode()
    assert "Hej Erik Eda!" in html and "Vi ses på Scandic i stället." in html
    assert "Skicka till 1 samordnare" in html
    assert "Det går till 1 samordnare" in html
    assert not OutgoingMail.objects.exists()

    confirm(editor_client, url, preview, send="1")
    confirm(editor_client, url, preview, send="1")  # a second click
    sent = OutgoingMail.objects.get()
    assert (sent.kind, sent.to, sent.subject) == (
        "staff_message",
        "erik@eda.example.org",
        "Lokalen är bytt",
    )


def test_a_send_without_a_preview_only_shows_the_preview(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    message = {"subject": "Lokalen är bytt", "body": "Vi ses på Scandic.", "send": "1"}

    page = editor_client.post(url, message).content.decode()

    assert "Inget är skickat än" in page and "Hej Erik Eda!" in page
    assert not OutgoingMail.objects.exists()


def test_words_changed_after_the_preview_are_previewed_again_not_sent(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    preview = editor_client.post(
        url, {"subject": "Lokalen är bytt", "body": "Vi ses på Scandic.", "preview": "1"}
    )

    page = confirm(editor_client, url, preview, send="1", body="Vi ses i Kil i stället.")

    assert not OutgoingMail.objects.exists()
    assert "Vi ses i Kil i stället." in page.content.decode()
    assert "Inget är skickat än" in page.content.decode()


def test_a_greeting_of_ones_own_is_pointed_out_before_it_doubles(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    body = "Hej alla!\n\nLokalen är bytt.\n\nMed vänliga hälsningar\nMaria"

    page = editor_client.post(url, {"subject": "Byte", "body": body, "preview": "1"})

    html = page.content.decode()
    assert "Din text börjar med en hälsning" in html
    assert "Din text slutar med en hälsning" in html
    plain = editor_client.post(url, {"subject": "Byte", "body": "Lokalen är bytt.", "preview": "1"})
    assert "Din text börjar" not in plain.content.decode()
    assert "Din text slutar" not in plain.content.decode()


def test_the_form_says_the_greeting_and_signature_are_added_and_the_subject_is_wide(
    world, editor_client
):
    html = editor_client.get(DASHBOARD.format(world["cycle"].pk)).content.decode()
    assert "inleds med ”Hej &lt;namn&gt;!”" in html
    assert 'class="message-subject"' in html


def test_a_message_without_a_subject_is_refused_and_keeps_the_text(world, editor_client):
    page = editor_client.post(
        DASHBOARD.format(world["cycle"].pk), {"subject": "", "body": "Viktigt besked", "send": "1"}
    ).content.decode()
    assert "Detta fält måste fyllas i." in page
    assert "Viktigt besked" in page
    assert not OutgoingMail.objects.exists()


def test_a_reader_sees_the_dashboard_and_can_neither_remind_nor_write(world, reader_client):
    url = DASHBOARD.format(world["cycle"].pk)
    page = reader_client.get(url).content.decode()
    assert "Kils kommun" in page
    assert "Påminn" not in page and "Förhandsgranska" not in page
    data = {"not_yet": f"participants-{world['work'].pk}", "remind": "1"}
    assert reader_client.post(url, data).status_code == 403
    send = {"subject": "Hej", "body": "Text", "send": "1"}
    assert reader_client.post(url, send).status_code == 403
    assert not OutgoingMail.objects.exists()


def test_neither_visitors_nor_coordinators_see_the_dashboard(world):
    url = DASHBOARD.format(world["cycle"].pk)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    for coordinator in (world["anna"], world["erik"]):
        response = sign_in(Client(), coordinator).get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dashboard_keeps_its_query_count_from_10_to_200_organisations(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)

    def queries_with(total):
        while len(dashboard.organisations_of(world["cycle"])) < total:
            n = len(dashboard.organisations_of(world["cycle"]))
            org = factories.organisation(name=f"Organisation {n}", category="other")
            factories.coordinator(world["cycle"], org)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        return len(queries)

    assert queries_with(10) == queries_with(200)


def test_the_remind_button_names_how_many_it_reaches(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    page = editor_client.get(url, {"not_yet": f"participants-{world['work'].pk}"})
    shown = len(dashboard.organisations_of(world["cycle"])) - 1
    assert f'value="Påminn de {shown} organisationer som visas"' in page.content.decode()
    assert "Påminn de" not in editor_client.get(url).content.decode()  # nothing chosen


def test_only_an_editor_can_post_a_reminder_or_message_confirmation(
    world, editor_client, reader, editor
):
    url = DASHBOARD.format(world["cycle"].pk)
    reminder = editor_client.post(
        url, {"not_yet": f"participants-{world['work'].pk}", "remind": "1"}
    )
    message = editor_client.post(url, {"subject": "Byte", "body": "Ny lokal.", "preview": "1"})
    cast = the_cast(world["anna"], world["erik"], reader=reader, editor=editor)

    for who, client in cast.items():
        if who == "Redaktör":
            continue
        for page, more in [(reminder, {}), (message, {"send": "1"})]:
            form = confirming_form(page)
            answer = client.post(url, as_data(form["fields"], **more))
            assert answer.status_code in {302, 403}, who
            if answer.status_code == 302:
                assert "/admin/login/" in answer["Location"], who
        assert not OutgoingMail.objects.exists(), who

    confirm(cast["Redaktör"], url, reminder)
    confirm(cast["Redaktör"], url, message, send="1")
    assert OutgoingMail.objects.filter(kind="reminder_no_participants").exists()
    assert OutgoingMail.objects.filter(kind="staff_message").exists()


# --- Kept: the overview read from the cache while nothing it shows has changed ---------------


def overview_of(client, world, **filters) -> str:
    response = client.get(DASHBOARD.format(world["cycle"].pk), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_a_sign_up_shows_at_once_on_an_overview_read_from_the_cache(world, editor_client):
    url = DASHBOARD.format(world["cycle"].pk)
    overview_of(editor_client, world)  # the CSRF cookie given: the next one is kept
    before = overview_of(editor_client, world)
    with CaptureQueriesContext(connection) as kept:
        assert overview_of(editor_client, world) == before
    assert len(kept) <= 5  # the reader and their permissions, nothing of the overview
    eda = world["eda"]
    group = world["cycle"].cycle_challenges.first().challenge
    participants_register(
        meeting=world["work"],
        organisation=eda,
        people=[Person("Ny Eda", "ny@eda.example.org", workshop_group=group)],
    )
    page = editor_client.get(url).content.decode()
    assert page != before
    work = column(dashboard.dashboard_for(world["cycle"], columns=OVERVIEW.columns), "partic")
    assert work.cell(eda.pk).text == "0 / 1"  # the work meeting is full: Eda waits
    assert "3 / 1" not in before and "2 / 2" in page  # the total now counts Eda's waiting


def test_the_kept_overview_makes_as_few_queries_with_200_organisations_as_with_10(
    world, editor_client, django_assert_max_num_queries
):
    def add_up_to(total):
        while len(dashboard.organisations_of(world["cycle"])) < total:
            n = len(dashboard.organisations_of(world["cycle"]))
            org = factories.organisation(name=f"Organisation {n}", category="other")
            factories.coordinator(world["cycle"], org)

    add_up_to(10)
    overview_of(editor_client, world)
    overview_of(editor_client, world)
    with CaptureQueriesContext(connection) as kept:
        overview_of(editor_client, world)
    with_10 = len(kept)  # (counted now: the connection's log is a bounded one)
    add_up_to(200)
    overview_of(editor_client, world)  # made anew: the organisations changed
    with django_assert_max_num_queries(with_10):
        page = overview_of(editor_client, world)
    assert "Visar 200 av 200 organisationer" in page


def test_each_reader_gets_the_overview_as_their_role_shows_it(world, reader, editor):
    editor_client, reader_client = Client(), Client()
    editor_client.force_login(editor)
    reader_client.force_login(reader)
    for _ in range(2):
        assert "Förhandsgranska" in overview_of(editor_client, world)
        assert "Förhandsgranska" not in overview_of(reader_client, world)


def test_a_reader_whose_role_is_taken_away_no_longer_sees_a_kept_overview(world, reader):
    client = Client()
    client.force_login(reader)
    overview_of(client, world)
    overview_of(client, world)  # kept now
    reader.groups.clear()
    assert client.get(DASHBOARD.format(world["cycle"].pk)).status_code == 403


def test_a_filter_is_kept_apart_from_the_whole_list(world, editor_client):
    overview_of(editor_client, world)
    everyone = overview_of(editor_client, world)
    waiting = overview_of(editor_client, world, not_yet=f"participants-{world['work'].pk}")
    assert "Kils kommun" in everyone and "Kils kommun" not in waiting
    assert overview_of(editor_client, world) == everyone


def test_the_upcoming_reminders_are_kept_no_longer_than_until_the_first_goes(
    world, editor, frozen_now
):
    def reminders_of(page: str) -> str:
        start = page.index('id="reminders"')
        return page[start : page.index("</section>", start)]

    frozen_now(2026, 12, 12, 7, 55)  # the reminders 7 days before 19 December go at 08:00
    client = Client()
    client.force_login(editor)
    overview_of(client, world)
    before = reminders_of(overview_of(client, world))
    assert "12 december kl. 08.00" in before
    frozen_now(2026, 12, 12, 8, 1)  # six minutes on, nothing changed but the clock
    after = reminders_of(overview_of(client, world))
    # Not sent yet (no worker here): it goes now, late, as the page says at once.
    assert "12 december kl. 08.00" not in after and "12 december kl. 08.01" in after
