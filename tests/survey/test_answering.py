"""A leadership group answers together through its link: saves a draft, someone else resumes
it, submits once for the group; two people saving at once never overwrite each other."""

import pytest
from django.test import Client, TestCase

from arshjul.models import OutgoingMail
from survey.models import Answer, Response
from tests.survey.helpers import answers, versions_on


def post(client, link, data, **extra):
    return client.post(link, data, **extra)


def test_a_group_saves_a_draft_another_member_resumes_it_and_submits(survey, kil_group, kil_link):
    anna, bo = Client(), Client()
    first = anna.get(kil_link)
    assert first.status_code == 200
    assert "Inget är sparat ännu" in first.content.decode()

    saved = post(
        anna,
        kil_link,
        {**versions_on(first), **answers(survey, yes="yes", choice="2"), "saved_by": "Anna"},
        follow=True,
    )
    assert "Era svar är sparade." in saved.content.decode()

    # Bo opens the same link on his own computer: Anna's answers, and who saved last.
    page = bo.get(kil_link)
    html = page.content.decode()
    assert "Senast sparat 27 november 2026, 12:00 av Anna." in html
    assert (
        f'name="q{survey.q["yes"].pk}" id="id_q{survey.q["yes"].pk}_0" value="yes" checked' in html
    )
    assert "2 av 4 frågor besvarade" in html

    to_submit = post(
        bo,
        kil_link,
        {
            **versions_on(page),
            **answers(survey, yes="yes", choice="2", scale="4", text="Nya mötesformer."),
            "saved_by": "Bo",
            "action": "submit",
        },
    )
    submit_url = to_submit["Location"]
    assert submit_url.startswith("/enkat/skicka-in/?nyckel=")
    summary = bo.get(submit_url).content.decode()
    for shown in ["Ja", "Ibland", "4", "Nya mötesformer."]:
        assert shown in summary

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = bo.post(submit_url, {"submitted_by": "Bo"}, follow=True)
    html = done.content.decode()
    assert "Tack! Gruppens svar är inskickade." in html
    assert "Inskickat av: Bo." in html
    response = Response.objects.get(group=kil_group)
    assert response.is_submitted
    receipt_mail = OutgoingMail.objects.filter(kind="survey_submitted").get()
    assert receipt_mail.to == "ledning@kil.example.org"
    assert "/enkat/kvitto/?nyckel=" in receipt_mail.body_text

    # Read-only from now on: the link opens the receipt, and a late save changes nothing.
    assert anna.get(kil_link)["Location"].startswith("/enkat/kvitto/")
    late = post(anna, kil_link, {**versions_on(page), **answers(survey, yes="no")})
    assert "kan inte längre ändras" in late.content.decode()
    assert Answer.objects.get(response=response, question=survey.q["yes"]).value == "yes"


def test_two_people_saving_at_once_both_keep_their_words(survey, kil_link):
    anna, bo = Client(), Client()
    annas_page, bos_page = anna.get(kil_link), bo.get(kil_link)

    post(
        anna,
        kil_link,
        {**versions_on(annas_page), **answers(survey, text="Annas text"), "saved_by": "Anna"},
    )
    # Bo started from the same empty page: his save is told, not silently applied.
    clash = post(
        bo,
        kil_link,
        {**versions_on(bos_page), **answers(survey, text="Bos text", yes="no"), "saved_by": "Bo"},
    )
    html = clash.content.decode()
    assert clash.status_code == 200
    assert "Anna ändrade det här 27 november 2026, 12:00 medan du skrev: ”Annas text”" in html
    assert "Bos text" in html  # still in the form, to reconcile
    text = Answer.objects.get(question=survey.q["text"])
    assert text.value == "Annas text"
    # His other answer, which nobody else had touched, is saved.
    assert Answer.objects.get(question=survey.q["yes"]).value == "no"

    # Having seen Anna's words, Bo saves again: now he means it, and it is saved.
    again = post(
        bo,
        kil_link,
        {**versions_on(clash), **answers(survey, text="Annas text och Bos", yes="no")},
        follow=True,
    )
    assert "Era svar är sparade." in again.content.decode()
    text.refresh_from_db()
    assert text.value == "Annas text och Bos"
    assert text.version == 2


def test_an_unchanged_answer_is_not_a_conflict(survey, kil_link):
    anna, bo = Client(), Client()
    annas_page, bos_page = anna.get(kil_link), bo.get(kil_link)
    post(anna, kil_link, {**versions_on(annas_page), **answers(survey, yes="yes")})
    same = post(bo, kil_link, {**versions_on(bos_page), **answers(survey, yes="yes")})
    assert same.status_code == 302


def test_the_page_saving_itself_when_left_returns_the_new_versions(survey, kil_link):
    client = Client()
    page = client.get(kil_link)
    saved = client.post(
        kil_link,
        {**versions_on(page), **answers(survey, scale="5"), "action": "save"},
        HTTP_ACCEPT="application/json",
    )
    assert saved.status_code == 200
    body = saved.json()
    assert body["saved"] == 1
    assert body["fields"] == {f"q{survey.q['scale'].pk}": {"shown": "5", "version": 1}}
    assert body["conflicts"] == []


def test_saving_itself_leaves_an_answer_someone_else_changed_for_the_person_to_choose(
    survey, kil_link
):
    anna, bo = Client(), Client()
    annas_page, bos_page = anna.get(kil_link), bo.get(kil_link)
    post(anna, kil_link, {**versions_on(annas_page), **answers(survey, scale="2")})
    saved = bo.post(
        kil_link,
        {**versions_on(bos_page), **answers(survey, scale="5")},
        HTTP_ACCEPT="application/json",
    ).json()
    assert saved["conflicts"] == [survey.q["scale"].pk]
    assert f"q{survey.q['scale'].pk}" not in saved["fields"]  # the next "Spara" still asks
    assert Answer.objects.get(question=survey.q["scale"]).value == "2"


@pytest.mark.parametrize(
    ("key", "value"),
    [("scale", "6"), ("scale", "0"), ("yes", "kanske"), ("choice", "4"), ("text", "x" * 5001)],
)
def test_an_answer_out_of_range_is_refused_and_nothing_typed_is_lost(survey, kil_link, key, value):
    client = Client()
    page = client.get(kil_link)
    refused = post(
        client,
        kil_link,
        {**versions_on(page), **answers(survey, **{"text": "Våra ord", key: value})},
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Det finns ett problem" in html
    if key != "text":
        assert "Välj ett av alternativen." in html
        assert "Våra ord" in html  # the free text survives the refusal
    else:
        assert "Skriv högst 5000 tecken (här är det 5001)." in html
        assert "x" * 5001 in html  # kept, to shorten
    assert not Answer.objects.exists()


def test_answers_to_questions_of_another_survey_are_refused_with_the_input_kept(
    survey, kil_link, cycle
):
    client = Client()
    page = client.get(kil_link)
    refused = post(
        client,
        kil_link,
        {**versions_on(page), **answers(survey, text="Våra ord"), "q999999": "yes"},
    )
    html = refused.content.decode()
    assert "frågor som inte finns i den här enkäten" in html
    assert "Våra ord" in html
    assert not Answer.objects.exists()


def test_a_tampered_version_never_overwrites_someone_elses_answer(survey, kil_link):
    anna, bo = Client(), Client()
    page = anna.get(kil_link)
    post(anna, kil_link, {**versions_on(page), **answers(survey, yes="yes")})
    forged = {**versions_on(page), **answers(survey, yes="no")}
    forged[f"q{survey.q['yes'].pk}-version"] = "x"
    clash = post(bo, kil_link, forged)
    assert "ändrade det här" in clash.content.decode()
    assert Answer.objects.get(question=survey.q["yes"]).value == "yes"


@pytest.mark.parametrize("token", ["", "nonsense", "A" * 32, "A" * 65, "%00", "' OR 1=1 --"])
def test_a_wrong_or_malformed_link_is_not_found(survey, kil_link, client, token):
    for path in ["/enkat/", "/enkat/skicka-in/", "/enkat/kvitto/", "/enkat/kvitto.pdf"]:
        assert client.get(path, {"nyckel": token}).status_code == 404


def test_another_groups_link_opens_only_that_groups_answers(survey, kil_link, eda_group):
    from tests.survey.helpers import send_link

    eda_link = send_link(survey, eda_group)
    client = Client()
    page = client.get(kil_link)
    post(client, kil_link, {**versions_on(page), **answers(survey, text="Kils hemlighet")})
    assert "Kils hemlighet" not in client.get(eda_link).content.decode()
    assert "Eda kommun" in client.get(eda_link).content.decode()


def test_submitting_asks_for_every_required_answer_first(survey, kil_link):
    client = Client()
    page = client.get(kil_link)
    post(client, kil_link, {**versions_on(page), **answers(survey, yes="yes")})
    submit_url = kil_link.replace("/enkat/", "/enkat/skicka-in/")
    summary = client.get(submit_url).content.decode()
    assert "2 frågor måste besvaras innan ni kan skicka in" in summary
    refused = client.post(submit_url, {"submitted_by": ""})
    html = refused.content.decode()
    assert "Svara på ”Hur ofta talar ni om strategin?” innan ni skickar in." in html
    assert not Response.objects.get().is_submitted


def test_the_link_has_at_least_128_bits_and_the_database_holds_no_link(survey, kil_group, kil_link):
    token = kil_link.split("nyckel=")[1]
    assert len(token) >= 32  # base64: 6 bits a character, 192 bits here
    response = Response.objects.get(group=kil_group)
    assert token not in (response.token_hash + response.token_nonce)
