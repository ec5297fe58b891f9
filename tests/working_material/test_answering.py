"""A coordinator answers the working material per challenge: entries and reflections saved as
a draft, come back, mark done, reopen; two coordinators saving at once are told, not
overwritten; the deadline; another organisation's entries."""

from django.test import Client

from tests.helpers import sign_in
from tests.working_material.helpers import entry, form
from working_material.models import Answer, Entry, Reflection


def url(challenge) -> str:
    return f"/min-organisation/arbetsmaterial/{challenge.pk}/"


def test_a_coordinator_answers_two_challenges_and_marks_them_done(owner_client, challenges):
    first, second = challenges
    overview = owner_client.get("/min-organisation/arbetsmaterial/").content.decode()
    assert overview.count("Inte påbörjad") == 2  # once per challenge: a screen reader hears it once
    saved = owner_client.post(
        url(first),
        form(
            entries=[
                entry(name="Kompetenslyftet", description="Utbildning"),
                entry(kind="network", name="Nätverket"),
            ],
            reflections={"hard": "Att nå de små företagen."},
        ),
        follow=True,
    )
    assert "Ert svar är sparat som utkast." in saved.content.decode()
    answer = Answer.objects.get(challenge=first)
    assert [e.name for e in answer.entries.all()] == ["Kompetenslyftet", "Nätverket"]
    page = owner_client.get(url(first)).content.decode()
    assert "Senast sparat 27 november 2026, 12:00 av Anna Samordnare." in page
    assert "Att nå de små företagen." in page and 'value="Kompetenslyftet"' in page

    saved_entry = answer.entries.get(name="Kompetenslyftet")
    done = owner_client.post(
        url(first),
        form(
            entries=[
                {
                    **entry(name="Kompetenslyftet", description="Utbildning"),
                    "id": saved_entry.pk,
                    "version": 1,
                }
            ],
            reflections={"hard": "Att nå de små företagen."},
            seen={"hard": 1},
            action="done",
        ),
        follow=True,
    )
    assert "Sparat och markerat som klart. Tack!" in done.content.decode()
    owner_client.post(url(second), form(entries=[entry(name="Solelen")], action="done"))
    overview = owner_client.get("/min-organisation/arbetsmaterial/").content.decode()
    assert overview.count("task-done") == 2
    organisation_page = owner_client.get("/min-organisation/").content.decode()
    assert "2 av 2 utmaningar klara" in organisation_page
    # The checklist's "answer the working material" ticked itself.
    assert (
        'value="working_material" id="tick-working_material" checked disabled' in organisation_page
    )


def test_a_done_answer_is_read_only_until_reopened(owner_client, challenges):
    first = challenges[0]
    owner_client.post(
        url(first), form(entries=[entry(name="Forumet", kind="forum")], action="done")
    )
    page = owner_client.get(url(first)).content.decode()
    assert (
        "Markerat som klart" in page and "Forum: Forumet" in page and 'name="e-0-name"' not in page
    )
    refused = owner_client.post(url(first), form(entries=[entry(name="Nytt")]))
    assert Entry.objects.filter(name="Nytt").count() == 0 and refused.status_code == 200
    owner_client.post(url(first), {"action": "reopen"})
    assert not Answer.objects.get(challenge=first).is_done


def test_adding_a_row_keeps_everything_typed_and_saves_nothing(owner_client, challenges):
    page = owner_client.post(
        url(challenges[0]),
        form(
            entries=[entry(name="Mitt initiativ")], reflections={"keep": "Nätverket"}, action="more"
        ),
    ).content.decode()
    assert 'value="Mitt initiativ"' in page and "Nätverket" in page
    assert 'name="e-1-name"' in page
    assert not Entry.objects.exists() and not Reflection.objects.exists()


def test_bad_input_is_refused_in_swedish_with_the_input_kept(owner_client, challenges):
    page = owner_client.post(
        url(challenges[0]),
        form(
            entries=[
                entry(name="", description="Utan namn"),
                entry(name="Länken", link="inte en länk"),
            ],
            reflections={"hard": "x" * 5001},
        ),
    ).content.decode()
    assert "Det finns ett problem" in page
    assert "Rad 1: Ge posten ett namn." in page
    assert "Rad 2: Fyll i en giltig URL." in page
    assert "Utan namn" in page
    assert not Entry.objects.exists()


def test_two_coordinators_saving_at_once_are_told_and_keep_their_words(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(
        url(first), form(entries=[entry(name="Kompetenslyftet")], reflections={"hard": "Början"})
    )
    saved = Entry.objects.get()
    # Both open the page now: versions 1. Bo saves first.
    bo = sign_in(Client(), colleague)
    bo.post(
        url(first),
        form(
            entries=[{**entry(name="Kompetenslyftet 2.0"), "id": saved.pk, "version": 1}],
            reflections={"hard": "Bos text"},
            seen={"hard": 1},
        ),
    )
    clash = owner_client.post(
        url(first),
        form(
            entries=[{**entry(name="Kompetenslyftet (Anna)"), "id": saved.pk, "version": 1}],
            reflections={"hard": "Annas text"},
            seen={"hard": 1},
        ),
    ).content.decode()
    assert "Bo Kollega ändrade det här 27 november 2026, 12:00 medan du skrev: ”Bos text”" in clash
    assert "Bo Kollega ändrade det här" in clash and "Initiativ: Kompetenslyftet 2.0" in clash
    assert "Annas text" in clash and 'value="Kompetenslyftet (Anna)"' in clash
    assert Reflection.objects.get().text == "Bos text"
    assert Entry.objects.get().name == "Kompetenslyftet 2.0"
    # The page now carries the versions saved: Anna saving again keeps what she chose.
    assert 'name="r-hard-version" value="2"' in clash and 'name="e-0-version" value="2"' in clash
    owner_client.post(
        url(first),
        form(
            entries=[{**entry(name="Kompetenslyftet (Anna)"), "id": saved.pk, "version": 2}],
            reflections={"hard": "Annas och Bos text"},
            seen={"hard": 2},
        ),
    )
    assert Reflection.objects.get().text == "Annas och Bos text"
    assert Entry.objects.get().name == "Kompetenslyftet (Anna)"


def test_a_row_removed_meanwhile_comes_back_as_new_when_saved_again(
    owner_client, colleague, challenges
):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet")]))
    saved = Entry.objects.get()
    bo = sign_in(Client(), colleague)
    bo.post(
        url(first),
        form(entries=[{**entry(name="Forumet"), "id": saved.pk, "version": 1, "remove": "on"}]),
    )
    assert not Entry.objects.exists()
    page = owner_client.post(
        url(first), form(entries=[{**entry(name="Forumet, ändrat"), "id": saved.pk, "version": 1}])
    ).content.decode()
    assert "Någon tog bort raden under tiden" in page and 'value="Forumet, ändrat"' in page
    assert 'name="e-0-id" value=""' in page or 'name="e-0-id" id="id_e-0-id"' in page


def test_another_organisations_entry_cannot_be_changed_nor_told_from_a_made_up_one(
    owner_client, outsider, challenges
):
    first = challenges[0]
    other = sign_in(Client(), outsider)
    other.post(url(first), form(entries=[entry(name="Edas forum")]))
    theirs = Entry.objects.get()

    def words_for(entry_id) -> str:
        page = owner_client.post(
            url(first), form(entries=[{**entry(name="Kapat"), "id": entry_id, "version": 1}])
        ).content.decode()
        start = page.index('<div class="error-summary"')
        return page[start : page.index("</ul>", start)]

    # The same answer for another organisation's entry and for an id nobody has: ids can't
    # be probed. The words typed come back, to add as a new row of one's own.
    assert words_for(theirs.pk) == words_for(theirs.pk + 1000)
    assert "Någon tog bort raden under tiden" in words_for(theirs.pk)
    assert Entry.objects.get(pk=theirs.pk).name == "Edas forum"
    assert Entry.objects.count() == 1


def test_after_the_deadline_answers_are_refused_clearly(
    frozen_now, owner_client, owner, challenges
):
    frozen_now(2027, 1, 9, 0, 0, 0)
    sign_in(owner_client, owner)
    page = owner_client.post(
        url(challenges[0]), form(entries=[entry(name="Sent")])
    ).content.decode()
    assert "Arbetsmaterialet stängde 8 januari. Kontakta regionen för att ändra något." in page
    assert 'value="Sent"' in page  # what was typed is still there
    assert not Entry.objects.exists()


def test_staff_can_still_edit_after_the_deadline(frozen_now, owner_client, challenges, staff):
    owner_client.post(url(challenges[0]), form(entries=[entry(name="Före")]))
    answer = Answer.objects.get()
    frozen_now(2027, 1, 20, 9)
    staff_client = Client()
    staff_client.force_login(staff)
    saved = Entry.objects.get()
    changed = staff_client.post(
        f"/admin/working_material/answer/{answer.pk}/change/",
        {
            "status": "done",
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "1",
            "entries-0-id": saved.pk,
            "entries-0-answer": answer.pk,
            "entries-0-kind": "initiative",
            "entries-0-name": "Rättat av personalen",
            "reflections-TOTAL_FORMS": "0",
            "reflections-INITIAL_FORMS": "0",
        },
    )
    assert changed.status_code == 302
    assert Entry.objects.get().name == "Rättat av personalen"


def test_a_challenge_not_in_the_material_is_not_found(owner_client, material):
    assert owner_client.get("/min-organisation/arbetsmaterial/999999/").status_code == 404


def test_looking_at_a_challenge_makes_no_answer(owner_client, challenges):
    assert owner_client.get(url(challenges[0])).status_code == 200
    assert not Answer.objects.exists()


def test_reopening_an_answer_not_marked_done_is_told_not_done(owner_client, challenges):
    first = challenges[0]
    owner_client.post(url(first), form(entries=[entry(name="Forumet")]))
    page = owner_client.post(url(first), {"action": "reopen"}).content.decode()
    assert "Bara ett svar som är markerat som klart kan öppnas igen." in page
    assert not Answer.objects.get().is_done
