"""The working material's time and progress as people see them: the days left counting down
to the last day and then "closed", the last second in time and the first one late, nothing
marked done or reopened once it has closed, a material not yet published nowhere, and how
far an organisation has come — on its coordinator's page, on the wheel and on staff's
overview."""

import re

from django.test import Client, TestCase
from django.utils import timezone

from arshjul.dashboard import organisations_of
from arshjul.models import OutgoingMail
from tests import factories
from tests.helpers import DASHBOARD, sign_in
from tests.working_material.helpers import entry, form
from working_material import reminders
from working_material.models import Answer, Entry

OVERVIEW = "/min-organisation/arbetsmaterial/"


def url(challenge) -> str:
    return f"/min-organisation/arbetsmaterial/{challenge.pk}/"


def done_answer(material, organisation, challenge) -> Answer:
    return Answer.objects.create(
        material=material,
        organisation=organisation,
        challenge=challenge,
        status=Answer.Status.DONE,
        last_saved_at=timezone.now(),
        done_at=timezone.now(),
    )


def deadline_line(client) -> str:
    page = client.get(OVERVIEW).content.decode()
    return re.search(r"<p><strong>(.*?)</strong>", page)[1]


def test_the_days_left_count_down_to_the_last_day_and_then_the_page_says_closed(
    frozen_now, owner, challenges
):
    client = sign_in(Client(), owner)
    assert deadline_line(client) == "42 dagar kvar"
    frozen_now(2027, 1, 7, 12)
    assert deadline_line(sign_in(client, owner)) == "1 dag kvar"
    frozen_now(2027, 1, 8, 23, 0)
    assert deadline_line(sign_in(client, owner)) == "Sista dagen: i dag"
    frozen_now(2027, 1, 9, 0, 0, 1)
    assert deadline_line(sign_in(client, owner)) == "Stängde 8 januari"


def test_a_save_in_the_last_second_of_the_last_day_is_in_time(frozen_now, owner, challenges):
    frozen_now(2027, 1, 8, 23, 59, 59)
    saved = sign_in(Client(), owner).post(
        url(challenges[0]), form(entries=[entry(name="I sista stund")], action="done")
    )
    assert saved.status_code == 302
    assert Answer.objects.get().is_done and Entry.objects.get().name == "I sista stund"


def test_once_closed_an_answer_is_neither_marked_done_nor_reopened(
    frozen_now, material, owner, challenges
):
    first, second = challenges
    done_answer(material, owner.organisation, first)
    client = sign_in(Client(), owner)
    client.post(url(second), form(entries=[entry(name="Utkast")]))
    frozen_now(2027, 1, 9, 9)
    sign_in(client, owner)
    reopening = client.post(url(first), {"action": "reopen"}).content.decode()
    marking = client.post(url(second), form(entries=[entry(name="Utkast")], action="done"))
    for page in [reopening, marking.content.decode()]:
        assert "Arbetsmaterialet stängde 8 januari." in page
    assert [a.is_done for a in Answer.objects.order_by("challenge__pk")] == [True, False]


def test_a_material_not_yet_published_has_no_pages_and_no_step_on_the_wheel(
    material, challenges, owner_client, client
):
    material.published = False
    material.save()
    assert owner_client.get(OVERVIEW).status_code == 404
    assert owner_client.get(url(challenges[0])).status_code == 404
    step = "Sista dag att dela arbetsmaterialet"
    assert step not in Client().get("/arshjul/2027/").content.decode()
    material.published = True
    material.save()
    assert step in Client().get("/arshjul/2027/").content.decode()


def task_line(client) -> str:
    """The working material's line in the coordinator's task list, in words."""
    page = client.get("/min-organisation/").content.decode()
    item = next(li for li in page.split("<li>") if f'href="{OVERVIEW}"' in li)
    return " ".join(re.sub(r"<[^>]+>", " ", item.split("</li>")[0]).split())


def test_the_organisations_page_says_how_far_it_has_come_with_the_material(
    owner_client, challenges
):
    first, second = challenges
    assert task_line(owner_client).startswith("Arbetsmaterialet 0 av 2 utmaningar klara")
    assert "Inte påbörjad" in task_line(owner_client)
    owner_client.post(url(first), form(entries=[entry(name="Forumet")]))
    assert "0 av 2 utmaningar klara Påbörjad 42 dagar kvar" in task_line(owner_client)
    owner_client.post(url(first), form(action="done"))
    owner_client.post(url(second), form(entries=[entry(name="Nätverket")], action="done"))
    assert "2 av 2 utmaningar klara Klar" in task_line(owner_client)


def test_staffs_overview_says_who_is_done_who_has_begun_and_who_has_not(
    material, challenges, owner, outsider, reader_client
):
    kau = factories.organisation(name="Karlstads universitet", category="university")
    factories.coordinator(material.cycle, kau, email="kau@example.org")
    for challenge in challenges:
        done_answer(material, owner.organisation, challenge)
    Answer.objects.create(
        material=material, organisation=outsider.organisation, challenge=challenges[0]
    )
    page = reader_client.get(DASHBOARD.format(material.cycle_id)).content.decode()
    rows = {
        name: row
        for row in page.split("<tr>")
        for name in ["Kils kommun", "Eda kommun", "Karlstads universitet"]
        if f">{name}</a>" in row
    }
    assert '<td class="done">Klar</td>' in rows["Kils kommun"]
    assert '<td class="not-yet">Påbörjat</td>' in rows["Eda kommun"]
    assert '<td class="not-yet">Ej påbörjat</td>' in rows["Karlstads universitet"]
    total = organisations_of(material.cycle).count()  # every active one too
    assert f"<td>1 av {total} klara</td>" in page
    not_done = reader_client.get(
        DASHBOARD.format(material.cycle_id), {"not_yet": f"material-{material.pk}"}
    ).content.decode()
    assert ">Eda kommun</a>" in not_done and ">Kils kommun</a>" not in not_done


def test_staffs_reminder_goes_once_a_day_to_organisations_not_done_and_never_to_the_inactive(
    material, challenges, owner, outsider
):
    for challenge in challenges:
        done_answer(material, outsider.organisation, challenge)
    sleeping = factories.organisation(name="Vilande", category="other", active=False)
    factories.coordinator(material.cycle, sleeping, email="vilande@example.org")
    ids = [owner.organisation_id, outsider.organisation_id]
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert reminders.organisations_remind(material=material, organisation_ids=ids) == 1
        assert reminders.organisations_remind(material=material, organisation_ids=ids) == 0
    mails = OutgoingMail.objects.filter(kind="working_material_reminder")
    assert list(mails.values_list("to", flat=True)) == ["anna@kil.example.org"]
    # The schedule's own reminder leaves out an organisation that is not active.
    pending = reminders.pending(now=timezone.now())
    assert {r.about.organisation.name for r in pending} == {"Kils kommun"}
