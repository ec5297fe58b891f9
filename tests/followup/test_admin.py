"""Staff write the report's words, preview the whole report, publish it and make it final —
each of the last two asking first, saying what will happen."""

from django.test import TestCase

from followup.models import Report
from tests.confirming import confirm
from tests.followup.helpers import text_of
from tests.html import form_as_shown

REPORTS = "/admin/followup/report/"


def _action(client, report, action, *, confirmed=False):
    first = client.post(REPORTS, {"action": action, "_selected_action": [report.pk]})
    if not confirmed:
        return first
    with TestCase.captureOnCommitCallbacks(execute=True):
        return confirm(client, REPORTS, first)


def test_an_editor_writes_the_reports_words(report, editor_client):
    url = f"{REPORTS}{report.pk}/change/"
    shown = form_as_shown(editor_client.get(url))
    answer = editor_client.post(url, {**shown, "conclusions": "Vi prioriterar matchning."})
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.conclusions == "Vi prioriterar matchning."


def test_an_editor_previews_the_whole_report_with_the_words_unsaved(
    report, taking_part, editor_client
):
    preview = editor_client.post(
        f"{REPORTS}{report.pk}/preview/", {"conclusions": "**Nytt** <script>x()</script>"}
    )
    page = preview.content.decode()
    assert "<strong>Nytt</strong>" in page and "<script>x()" not in page
    assert "8 personer från 4 organisationer." in text_of(page)
    report.refresh_from_db()
    assert report.conclusions.startswith("Vi **kroka arm**")


def test_publishing_first_says_what_becomes_public_then_publishes(report, editor_client):
    first = _action(editor_client, report, "publish")
    words = text_of(first.content.decode())
    assert "1 rapport blir offentlig" in words and "/arshjul/2027/uppfoljningsrapport/" in words
    report.refresh_from_db()
    assert report.published_at is None
    done = _action(editor_client, report, "publish", confirmed=True)
    report.refresh_from_db()
    assert report.published_at is not None and report.pdf is not None
    assert "1 uppföljningsrapport är publicerad" in done.content.decode()


def test_making_final_first_says_it_cannot_be_undone_then_keeps_the_report(
    published, editor_client, editor
):
    first = _action(editor_client, published, "make_final")
    assert "Det går inte att ångra." in first.content.decode()
    published.refresh_from_db()
    assert published.final_at is None
    _action(editor_client, published, "make_final", confirmed=True)
    published.refresh_from_db()
    assert published.is_final and published.final_by == editor and published.snapshot


def test_a_draft_is_not_made_final(report, editor_client):
    answer = _action(editor_client, report, "make_final")
    assert answer.status_code == 302
    page = editor_client.get(REPORTS).content.decode()
    assert "Bara en publicerad rapport som inte redan är fastställd kan fastställas" in page
    report.refresh_from_db()
    assert report.final_at is None


def test_a_final_reports_words_are_shown_and_not_changed(published, editor_client):
    _action(editor_client, published, "make_final", confirmed=True)
    url = f"{REPORTS}{published.pk}/change/"
    shown = form_as_shown(editor_client.get(url))
    assert "conclusions" not in shown
    editor_client.post(url, {**shown, "conclusions": "Nya ord i efterhand."})
    assert Report.objects.get().conclusions.startswith("Vi **kroka arm**")


def test_a_final_report_is_not_deleted(published, editor_client):
    _action(editor_client, published, "make_final", confirmed=True)
    deleting = editor_client.post(f"{REPORTS}{published.pk}/delete/", {"post": "yes"})
    assert deleting.status_code == 403
    editor_client.post(
        REPORTS, {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"}
    )
    assert Report.objects.filter(pk=published.pk).exists()
