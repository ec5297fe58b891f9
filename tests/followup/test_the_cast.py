"""Every view of the follow-up report, got and posted by the whole cast — someone not signed
in, Kil's coordinator, Eda's coordinator, a Läsare and a Redaktör: the published report and
its PDF are everyone's to read and nobody's to post to; in the admin a Läsare reads and only
an editor writes, previews, publishes or makes final."""

import pytest

from followup.models import Report
from tests.confirming import confirm
from tests.helpers import CAST, refused_by_the_admin
from tests.html import form_as_shown

NOT_STAFF = {"anonymous", "owner", "outsider"}
REPORTS = "/admin/followup/report/"


@pytest.mark.parametrize("role", CAST)
def test_everyone_reads_the_published_report_and_nobody_posts_to_it(cast, role, published):
    client = cast[role]
    for url in ["/arshjul/2027/uppfoljningsrapport/", "/arshjul/2027/uppfoljningsrapport.pdf"]:
        page = client.get(url)
        assert page.status_code == 200, url
        if url.endswith(".pdf"):  # the file, or the page saying it is being made
            assert page["Content-Type"] == "application/pdf" or "PDF" in page.content.decode()
        else:
            assert "Uppföljningsrapport 2027" in page.content.decode()
        assert client.post(url, {"conclusions": "Ändrad"}).status_code == 405, url
    assert Report.objects.get().conclusions.startswith("Vi **kroka arm**")


@pytest.mark.parametrize("role", CAST)
def test_staff_read_the_reports_in_the_admin_and_others_are_sent_to_sign_in(cast, role, report):
    pages = [cast[role].get(REPORTS), cast[role].get(f"{REPORTS}{report.pk}/change/")]
    if role in NOT_STAFF:
        assert all(refused_by_the_admin(page, role) for page in pages)
    else:
        assert all(page.status_code == 200 for page in pages)
        assert "Uppföljningsrapport 2027" in pages[0].content.decode()


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_a_report(cast, role, report):
    url = f"{REPORTS}{report.pk}/change/"
    shown = form_as_shown(cast["editor"].get(url))
    changed = cast[role].post(url, {**shown, "conclusions": "Ändrade slutsatser."})
    report.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and report.conclusions == "Ändrade slutsatser."
    else:
        assert refused_by_the_admin(changed, role)
        assert report.conclusions.startswith("Vi **kroka arm**")


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_adds_a_report(cast, role, previous_cycle):
    added = cast[role].post(f"{REPORTS}add/", {"cycle": previous_cycle.pk, "conclusions": "x"})
    if role == "editor":
        assert added.status_code == 302
    else:
        assert refused_by_the_admin(added, role)
    assert Report.objects.filter(cycle=previous_cycle).exists() == (role == "editor")


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_previews_a_report(cast, role, report):
    preview = cast[role].post(f"{REPORTS}{report.pk}/preview/", {"conclusions": "**Fet**"})
    if role == "editor":
        assert "<strong>Fet</strong>" in preview.content.decode()
    else:
        assert refused_by_the_admin(preview, role) and "Fet" not in preview.content.decode()


@pytest.mark.parametrize("role", CAST)
@pytest.mark.parametrize("action", ["publish", "make_final"])
def test_only_an_editor_publishes_or_makes_final_even_with_the_editors_confirmation(
    cast, role, action, report
):
    if action == "make_final":
        from followup import services

        services.report_publish(report=report)
    asked = cast["editor"].post(REPORTS, {"action": action, "_selected_action": [report.pk]})
    first = cast[role].post(REPORTS, {"action": action, "_selected_action": [report.pk]})
    confirmed = confirm(cast[role], REPORTS, asked)
    report.refresh_from_db()
    done = report.published_at if action == "publish" else report.final_at
    assert (done is not None) == (role == "editor")
    if role in NOT_STAFF:
        assert refused_by_the_admin(first, role)
        assert confirmed.redirect_chain[0][0].startswith("/admin/login/")
