"""Every view of the indicators, got and posted by the whole cast — someone not signed in,
Kil's coordinator, Eda's coordinator, a Läsare and a Redaktör: the indicator pages and the
status analysis are everyone's to read and nobody's to post to; in the admin only an editor
publishes, changes, previews or fetches, and nobody writes a fetch's record by hand."""

import pytest

from indicators import services
from indicators.models import KoladaFetch, StatusAnalysis
from tests.helpers import CAST, refused_by_the_admin
from tests.html import form_as_shown
from tests.indicators.helpers import analysis_form

NOT_STAFF = {"anonymous", "owner", "outsider"}
ANALYSES = "/admin/indicators/statusanalysis/"


@pytest.mark.parametrize("role", CAST)
def test_everyone_reads_the_indicator_pages_and_the_analysis_and_nobody_posts_to_them(
    cast, role, analysis
):
    services.analysis_publish(analysis=analysis)  # its PDF still being made
    client = cast[role]
    for url in [
        "/indikatorer/",
        "/indikatorer/N00914/",
        "/arshjul/2027/nulagesanalys/",
        "/arshjul/2027/nulagesanalys.pdf",
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Andel förvärvsarbetande" in page.content.decode() or url.endswith(".pdf")
        assert client.post(url, {"title": "Ändrad"}).status_code == 405, url
    assert StatusAnalysis.objects.get().title == "Preliminär nulägesanalys 2027"


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_publishes_an_analysis(cast, role, analysis):
    answer = cast[role].post(ANALYSES, {"action": "publish", "_selected_action": [analysis.pk]})
    analysis.refresh_from_db()
    assert (analysis.published_at is not None) == (role == "editor")
    if role in NOT_STAFF:
        assert refused_by_the_admin(answer, role)


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_an_analysis(cast, role, analysis):
    url = f"{ANALYSES}{analysis.pk}/change/"
    changed = cast[role].post(
        url, analysis_form(cast["editor"], analysis, summary="Ny sammanfattning.")
    )
    analysis.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and analysis.summary == "Ny sammanfattning."
    else:
        assert refused_by_the_admin(changed, role) and analysis.summary == ""


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_previews_an_analysis(cast, role, analysis):
    preview = cast[role].post(f"{ANALYSES}preview/", {"title": "Utkast", "summary": "**Fet**"})
    if role == "editor":
        assert "<strong>Fet</strong>" in preview.content.decode()
    else:
        assert refused_by_the_admin(preview, role) and "Fet" not in preview.content.decode()


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_starts_a_fetch_from_kolada(cast, role, employment, settings):
    settings.KOLADA_BASE_URL = ""
    answer = cast[role].post(
        "/admin/indicators/indicator/",
        {"action": "fetch_from_kolada", "_selected_action": [employment.pk]},
    )
    assert KoladaFetch.objects.count() == (1 if role == "editor" else 0)
    if role in NOT_STAFF:
        assert refused_by_the_admin(answer, role)


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_an_indicator(cast, role, employment):
    url = f"/admin/indicators/indicator/{employment.pk}/change/"
    shown = form_as_shown(cast["editor"].get(url))
    changed = cast[role].post(url, {**shown, "name": "Sysselsättningsgrad"})
    employment.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and employment.name == "Sysselsättningsgrad"
    else:
        assert refused_by_the_admin(changed, role)
        assert employment.name == "Andel förvärvsarbetande 20–64 år"


@pytest.mark.parametrize("role", CAST)
def test_staff_read_how_a_fetch_went_and_nobody_writes_one_by_hand(cast, role, employment):
    fetch = KoladaFetch.objects.create(indicator=employment, first_year=2020, last_year=2024)
    change = f"/admin/indicators/koladafetch/{fetch.pk}/change/"
    listing = cast[role].get("/admin/indicators/koladafetch/")
    added = cast[role].post("/admin/indicators/koladafetch/add/", {"indicator": employment.pk})
    changed = cast[role].post(change, {"state": "done", "values": "99"})
    if role in NOT_STAFF:
        assert all(refused_by_the_admin(answer, role) for answer in [listing, added, changed])
    else:
        assert listing.status_code == 200 and "N00914" in listing.content.decode()
        assert added.status_code == 403 and changed.status_code == 403
    fetch.refresh_from_db()
    assert (fetch.state, fetch.values) == ("queued", 0)
    assert KoladaFetch.objects.count() == 1
