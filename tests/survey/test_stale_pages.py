"""Two people of one group on one link, each with a page opened before the other saved: a save
changes only what its person changed, a true conflict is told and never blanks the other's
answer, and words that could not be saved are kept for the browser that wrote them."""

from django.test import Client

from survey.models import Answer
from tests.html import form_as_shown


def field(survey, key: str) -> str:
    return f"q{survey.q[key].pk}"


def saved(survey) -> dict[str, str]:
    return {
        key: Answer.objects.filter(question=question).values_list("value", flat=True).first()
        for key, question in survey.q.items()
    }


def test_two_people_changing_different_answers_from_stale_pages_both_keep_them(survey, kil_link):
    anna, bertil = Client(), Client()
    annas_page, bertils_page = anna.get(kil_link), bertil.get(kil_link)

    anna.post(
        kil_link,
        form_as_shown(
            annas_page,
            **{field(survey, "yes"): "yes", field(survey, "scale"): "4"},
            saved_by="Anna",
            action="save",
        ),
    )
    # Bertil's page was open all along: he writes only in the free text.
    bertils_save = bertil.post(
        kil_link,
        form_as_shown(bertils_page, **{field(survey, "text"): "Bertils tankar"}, saved_by="Bertil"),
    )
    assert bertils_save.status_code == 302  # saved, nothing to choose
    assert saved(survey) == {"yes": "yes", "choice": None, "scale": "4", "text": "Bertils tankar"}

    # He presses "Spara" again on the same old page: still nobody's answer is lost.
    bertil.post(
        kil_link,
        form_as_shown(bertils_page, **{field(survey, "text"): "Bertils tankar"}, saved_by="Bertil"),
    )
    assert saved(survey) == {"yes": "yes", "choice": None, "scale": "4", "text": "Bertils tankar"}
    page = bertil.get(kil_link).content.decode()
    assert "3 av 4 frågor besvarade" in page
    assert "av Bertil." in page


def test_a_stale_page_saving_itself_when_left_keeps_the_others_answers(survey, kil_link):
    anna, bertil = Client(), Client()
    annas_page, bertils_page = anna.get(kil_link), bertil.get(kil_link)
    anna.post(kil_link, form_as_shown(annas_page, **{field(survey, "yes"): "yes"}))
    left = bertil.post(
        kil_link,
        form_as_shown(bertils_page, **{field(survey, "choice"): "2"}),
        HTTP_ACCEPT="application/json",
    ).json()
    assert left["conflicts"] == []
    assert saved(survey)["yes"] == "yes" and saved(survey)["choice"] == "2"


def test_a_true_conflict_shows_the_others_answer_and_blanks_no_untouched_one(survey, kil_link):
    anna, bertil = Client(), Client()
    annas_page, bertils_page = anna.get(kil_link), bertil.get(kil_link)
    anna.post(
        kil_link,
        form_as_shown(
            annas_page,
            **{field(survey, "yes"): "yes", field(survey, "scale"): "4"},
            saved_by="Anna",
        ),
    )
    clash = bertil.post(
        kil_link, form_as_shown(bertils_page, **{field(survey, "yes"): "no"}, saved_by="Bertil")
    )
    html = clash.content.decode()
    assert clash.status_code == 200
    assert "Anna ändrade det här 27 november 2026, 12:00 medan du skrev: ”Ja”" in html
    # Once in the summary at the top, once beside the one answer both changed.
    assert html.count("ändrade det här") == 2
    # The scale Anna answered shows her "4", checked: saving this page keeps it.
    again = form_as_shown(clash)
    assert again[field(survey, "scale")] == "4"
    assert again[field(survey, "yes")] == "no"  # Bertil's own choice, to keep or change
    bertil.post(kil_link, again)
    assert saved(survey)["scale"] == "4"
    assert saved(survey)["yes"] == "no"  # chosen by Bertil after seeing Anna's


def test_words_the_page_could_not_save_on_leaving_are_offered_on_the_next_visit(survey, kil_link):
    anna, bertil = Client(), Client()
    annas_page, bertils_page = anna.get(kil_link), bertil.get(kil_link)
    text = field(survey, "text")
    anna.post(kil_link, form_as_shown(annas_page, **{text: "Annas text"}, saved_by="Anna"))
    left = bertil.post(
        kil_link,
        form_as_shown(bertils_page, **{text: "Bertils långa text"}),
        HTTP_ACCEPT="application/json",
    ).json()
    assert left["conflicts"] == [survey.q["text"].pk]
    assert saved(survey)["text"] == "Annas text"

    back = bertil.get(kil_link)
    html = back.content.decode()
    assert "Det här hade du skrivit, men det sparades inte" in html
    assert "Bertils långa text" in html
    assert form_as_shown(back)[text] == "Annas text"  # the field shows what is saved

    put_back = bertil.post(kil_link, form_as_shown(back, use_unsaved=text))
    assert form_as_shown(put_back)[text] == "Bertils långa text"
    assert saved(survey)["text"] == "Annas text"  # not saved until he saves
    bertil.post(kil_link, form_as_shown(put_back, action="save"))
    assert saved(survey)["text"] == "Bertils långa text"
    assert "det sparades inte" not in bertil.get(kil_link).content.decode()
    # Anna's browser was never offered anything.
    assert "det sparades inte" not in anna.get(kil_link).content.decode()


def test_a_version_that_is_not_plain_digits_is_refused_quietly_not_with_an_error(survey, kil_link):
    client = Client()
    page = client.get(kil_link)
    yes = field(survey, "yes")
    for data in [{"v9": "²"}, {f"{yes}-version": "²"}, {f"{yes}-version": "٣"}]:
        html = client.post(kil_link, {**form_as_shown(page, **{yes: "yes"}), **data})
        assert html.status_code == 302
        json = client.post(
            kil_link,
            {**form_as_shown(page, **{yes: "no"}), **data},
            HTTP_ACCEPT="application/json",
        )
        assert json.status_code == 200
