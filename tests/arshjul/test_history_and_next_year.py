"""Who changed what (the change history, in the admin) and next year's cycle with its people:
coordinators carried over, each asked once to confirm or name a successor. And the outbox's
kinds of e-mail in words staff read."""

import re
from pathlib import Path

import pytest
from django.test import Client

from arshjul.lib.mail_kinds import mail_kind_label
from arshjul.models import Coordinator, Cycle, Organisation, OutgoingMail
from registrations.models import Participant
from tests import factories
from tests.confirming import as_data, confirm, confirming_form, the_cast

pytestmark = pytest.mark.django_db


def test_an_edit_by_staff_is_in_the_history_with_their_name(editor, editor_client):
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    data = {
        "name": "Kils kommun",
        "category": "municipality",
        "municipality_code": "1715",
        "contact_email": "info@kil.example.org",
        "active": "on",
        "coordinators-TOTAL_FORMS": "0",
        "coordinators-INITIAL_FORMS": "0",
    }
    response = editor_client.post(f"/admin/arshjul/organisation/{kil.pk}/change/", data)
    assert response.status_code == 302
    latest = kil.history.latest()
    assert latest.history_user == editor
    assert latest.contact_email == "info@kil.example.org"

    page = editor_client.get(f"/admin/arshjul/organisation/{kil.pk}/history/").content.decode()
    assert "redaktor" in page


def test_the_history_keeps_no_needs_and_no_link_keys():
    kept = {f.name for f in Participant.history.model._meta.get_fields()}
    assert "name" in kept
    assert not {"dietary_needs", "accessibility_needs", "comment", "token_hash"} & kept


@pytest.fixture
def last_year(frozen_now):
    frozen_now(2026, 10, 1, 9)
    cycle = factories.cycle_with_meetings(2026)
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    eda = factories.organisation(
        name="Eda kommun", category="municipality", municipality_code="1730"
    )
    anna = factories.coordinator(cycle, kil, name="Anna Kil", email="anna@kil.example.org")
    erik = factories.coordinator(cycle, eda, name="Erik Eda", email="erik@eda.example.org")
    return {"cycle": cycle, "anna": anna, "erik": erik}


def copy_with(client, cycle, coordinators):
    return client.post(
        f"/admin/arshjul/cycle/{cycle.pk}/kopiera/",
        {"coordinators": [c.pk for c in coordinators]},
        follow=True,
    )


CYCLES = "/admin/arshjul/cycle/"


def ask_first(client, cycle):
    """The action on the new cycle: its first POST, which shows what will be sent."""
    return client.post(CYCLES, {"action": "ask_coordinators", "_selected_action": [cycle.pk]})


def copy_and_ask(client, cycle, coordinators):
    copy_with(client, cycle, coordinators)
    new = Cycle.objects.get(year=cycle.year + 1)
    return confirm(client, CYCLES, ask_first(client, new))


def test_copying_carries_the_chosen_coordinators_and_mails_nobody(last_year, editor_client):
    page = editor_client.get(f"/admin/arshjul/cycle/{last_year['cycle'].pk}/kopiera/")
    html = page.content.decode()
    assert "Kils kommun: Anna Kil" in html and "Eda kommun: Erik Eda" in html

    result = copy_with(editor_client, last_year["cycle"], [last_year["anna"]]).content.decode()

    assert "1 samordnare är överförd. Ingen har fått e-post" in result
    new = Cycle.objects.get(year=2027)
    assert [(c.name, c.email) for c in new.coordinators.all()] == [
        ("Anna Kil", "anna@kil.example.org")
    ]
    assert not OutgoingMail.objects.exists()
    assert new.coordinators.get().confirmation_asked_at is None


def test_the_question_shows_how_many_and_the_mail_before_it_goes(last_year, editor_client):
    copy_with(editor_client, last_year["cycle"], [last_year["anna"], last_year["erik"]])
    new = Cycle.objects.get(year=2027)

    page = ask_first(editor_client, new)

    html = page.content.decode()
    assert page.status_code == 200
    assert "2 samordnare som förts över till Årshjul 2027 får det här e-postmeddelandet" in html
    assert "Är du fortfarande samordnare i Årshjul 2027?" in html  # the real subject
    assert "Hej Erik Eda!" in html  # the real mail, for its first recipient (Eda before Kil)
    assert "nyckel=•••" in html  # the personal link is not shown to staff
    assert 'value="Fråga 2 samordnare"' in html
    assert not OutgoingMail.objects.exists()
    assert not new.coordinators.filter(confirmation_asked_at__isnull=False).exists()


def test_the_question_goes_on_the_confirming_post_once(last_year, editor_client):
    copy_with(editor_client, last_year["cycle"], [last_year["anna"]])
    new = Cycle.objects.get(year=2027)
    first = ask_first(editor_client, new)

    done = confirm(editor_client, CYCLES, first).content.decode()
    confirm(editor_client, CYCLES, first)  # the same confirmation posted again

    assert "1 samordnare har fått frågan om hen fortsätter." in done
    mail = OutgoingMail.objects.get(kind="cycle_confirm")
    assert mail.to == "anna@kil.example.org"
    assert mail.subject == "Är du fortfarande samordnare i Årshjul 2027?"
    assert mail_kind_label(mail.kind) == "Samordnare ombedd att bekräfta inför nästa år"
    again = ask_first(editor_client, new)  # asked already: nothing more to confirm
    assert again.status_code == 302
    assert OutgoingMail.objects.count() == 1


def test_a_coordinator_added_by_hand_is_not_asked_about_last_year(last_year, editor_client):
    copy_with(editor_client, last_year["cycle"], [last_year["anna"]])
    new = Cycle.objects.get(year=2027)
    factories.coordinator(new, last_year["erik"].organisation, name="Ny Person")

    confirm(editor_client, CYCLES, ask_first(editor_client, new))

    assert [m.to for m in OutgoingMail.objects.all()] == ["anna@kil.example.org"]


def test_only_an_editor_can_ask_the_coordinators(last_year, editor_client, reader, editor):
    copy_with(editor_client, last_year["cycle"], [last_year["anna"]])
    new = Cycle.objects.get(year=2027)
    first = ask_first(editor_client, new)
    anna_now = new.coordinators.get()
    cast = the_cast(anna_now, last_year["erik"], reader=reader, editor=editor)

    for who, client in cast.items():
        if who == "Redaktör":
            continue
        assert "Fråga de överförda samordnarna" not in client.get(CYCLES).content.decode()
        answer = client.post(CYCLES, as_data(confirming_form(first)["fields"]))
        assert answer.status_code in {200, 302}, who
        if who != "Läsare":
            assert "/admin/login/" in answer["Location"], who
        assert not OutgoingMail.objects.exists(), who

    confirm(cast["Redaktör"], CYCLES, first)
    assert OutgoingMail.objects.filter(kind="cycle_confirm").count() == 1


def confirm_link(mail) -> str:
    return re.search(r"http://\S+/samordnare/nasta-ar/\?nyckel=\S+", mail.body_text).group(0)


def test_the_coordinator_confirms_once(last_year, editor_client):
    copy_and_ask(editor_client, last_year["cycle"], [last_year["anna"]])
    link = confirm_link(OutgoingMail.objects.get(kind="cycle_confirm"))
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200 and "Fortsätter du som samordnare?" in page.content.decode()

    visitor.post(link, {"goes_on": "yes"})

    carried = Coordinator.objects.get(cycle__year=2027)
    assert carried.confirmed_at is not None
    again = visitor.get(link).content.decode()
    assert "Besvarat: samordnare är Anna Kil" in again and "Fortsätter du" not in again
    assert OutgoingMail.objects.filter(kind="cycle_confirm").count() == 1


def test_the_coordinator_names_a_successor(last_year, editor_client):
    copy_and_ask(editor_client, last_year["cycle"], [last_year["anna"], last_year["erik"]])
    anna_mail = OutgoingMail.objects.get(kind="cycle_confirm", to="anna@kil.example.org")
    link = confirm_link(anna_mail)
    visitor = Client()

    refused = visitor.post(link, {"goes_on": "no", "name": "Nils Ny", "email": ""})
    assert "Skriv hens e-postadress" in refused.content.decode()
    assert "Nils Ny" in refused.content.decode()  # what was typed is kept

    visitor.post(link, {"goes_on": "no", "name": "Nils Ny", "email": "nils@kil.example.org"})

    carried = Coordinator.objects.get(cycle__year=2027, organisation__name="Kils kommun")
    assert (carried.name, carried.email) == ("Nils Ny", "nils@kil.example.org")
    assert carried.history.earliest().name == "Anna Kil"
    # The old link answers no more questions.
    assert "Fortsätter du" not in visitor.get(link).content.decode()


def test_a_wrong_link_opens_nothing():
    assert Client().get("/samordnare/nasta-ar/?nyckel=fel").status_code == 404


def test_every_kind_of_e_mail_sent_has_a_swedish_name():
    root = Path(__file__).resolve().parents[2]
    kinds = set()
    for path in root.glob("*/*.py"):
        if path.parts[-2] in {".venv", "tests"}:
            continue
        text = path.read_text()
        kinds |= set(re.findall(r'kind="([a-z_]+)",\s*to=', text))
        if path.name == "emails.py":  # name = "a" if … else "b"; kind=name
            for pair in re.findall(r'name = \(?\s*"([a-z_]+)" if [^\n]* else "([a-z_]+)"', text):
                kinds |= set(pair)
    assert {"participant_waiting", "signin_link", "staff_message"} <= kinds
    unnamed = {kind for kind in kinds if mail_kind_label(kind) == kind}
    assert not unnamed


def test_organisation_categories_go_in_their_swedish_order():
    for name, category in [
        ("Lärosätet", "university"),
        ("Regionen", "region"),
        ("Kommunen", "municipality"),
    ]:
        factories.organisation(
            name=name,
            category=category,
            municipality_code="1780" if category == "municipality" else "",
        )
    names = [o.name for o in Organisation.objects.in_category_order()]
    assert names.index("Regionen") < names.index("Kommunen") < names.index("Lärosätet")


def test_the_outbox_and_the_pdf_jobs_name_their_kinds_in_swedish(reader_client):
    from arshjul.lib.emails import make_message
    from arshjul.lib.outbox import outbox_queue
    from arshjul.models import PdfJob

    mail = make_message("test", {"requested_by": "", "now": None})
    outbox_queue(kind="participant_waiting", to="a@example.org", mail=mail, dedup_key="k1")
    PdfJob.objects.create(kind="name_badges", parameters={})
    outbox = reader_client.get("/admin/arshjul/outgoingmail/").content.decode()
    assert "Deltagare på väntelistan" in outbox
    assert ">participant_waiting<" not in outbox
    jobs = reader_client.get("/admin/arshjul/pdfjob/").content.decode()
    assert "Namnbrickor för ett möte" in jobs and ">name_badges<" not in jobs
