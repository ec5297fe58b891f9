"""Every view of the working material, got and posted by the whole cast — someone not signed
in, Kil's coordinator, Eda's coordinator, a Läsare and a Redaktör: a coordinator writes only
their own organisation's answer, staff read the compilation, and only an editor changes
anything in the admin or starts a PDF."""

import pytest
from django.utils import timezone

from arshjul.models import PdfJob
from tests.helpers import CAST, refused_by_the_admin
from tests.html import form_as_shown
from tests.working_material.helpers import entry, form
from working_material.models import Answer, Entry

STAFF = {"reader", "editor"}
OVERVIEW = "/min-organisation/arbetsmaterial/"
KILS_WORDS = "Kils interna initiativ"


def answer_url(challenge) -> str:
    return f"/min-organisation/arbetsmaterial/{challenge.pk}/"


def admin_url(material, rest: str) -> str:
    return f"/admin/working_material/workingmaterial/{material.pk}/{rest}"


@pytest.fixture
def kils_answer(material, challenges, kil):
    """Kil's answer for the first challenge, marked done, with one entry."""
    answer = Answer.objects.create(
        material=material,
        organisation=kil,
        challenge=challenges[0],
        status=Answer.Status.DONE,
        last_saved_at=timezone.now(),
        done_at=timezone.now(),
    )
    Entry.objects.create(answer=answer, kind="initiative", name=KILS_WORDS, saved_at=timezone.now())
    return answer


def sent_to_sign_in(response, where: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(where)


@pytest.mark.parametrize("role", CAST)
def test_the_overview_shows_each_coordinator_their_own_organisation_and_nobody_posts_to_it(
    cast, role, kils_answer
):
    page = cast[role].get(OVERVIEW)
    if role == "owner":
        assert page.status_code == 200 and "Kils kommun" in page.content.decode()
    elif role == "outsider":
        html = page.content.decode()
        assert page.status_code == 200 and "Eda kommun" in html and "Kils kommun" not in html
    else:  # staff are not coordinators: they are sent to sign in as one
        assert sent_to_sign_in(page, "/logga-in/")
    assert cast[role].post(OVERVIEW, {}).status_code == 405


@pytest.mark.parametrize("role", CAST)
def test_an_answer_page_shows_only_ones_own_organisations_words(cast, role, kils_answer):
    page = cast[role].get(answer_url(kils_answer.challenge))
    if role == "owner":
        assert KILS_WORDS in page.content.decode()
    elif role == "outsider":  # Eda's own (empty) answer for the same challenge
        assert page.status_code == 200 and KILS_WORDS not in page.content.decode()
    else:
        assert sent_to_sign_in(page, "/logga-in/")


@pytest.mark.parametrize("action", ["save", "done"])
@pytest.mark.parametrize("role", CAST)
def test_saving_or_marking_done_changes_only_the_posters_own_organisations_answer(
    cast, role, action, challenges, kil, eda
):
    response = cast[role].post(
        answer_url(challenges[0]), form(entries=[entry(name="Från posten")], action=action)
    )
    kils = Answer.objects.filter(organisation=kil)
    edas = Answer.objects.filter(organisation=eda)
    if role == "owner":
        assert kils.get().entries.get().name == "Från posten"
        assert kils.get().is_done == (action == "done") and not edas.exists()
    elif role == "outsider":
        assert edas.get().entries.get().name == "Från posten" and not kils.exists()
    else:
        assert sent_to_sign_in(response, "/logga-in/")
        assert not Answer.objects.exists()


@pytest.mark.parametrize("role", CAST)
def test_only_kils_coordinator_reopens_kils_answer(cast, role, kils_answer):
    cast[role].post(answer_url(kils_answer.challenge), {"action": "reopen"})
    kils_answer.refresh_from_db()
    assert kils_answer.is_done == (role != "owner")


@pytest.mark.parametrize("role", CAST)
def test_the_compilation_and_its_export_are_for_staff_only(cast, role, material, kils_answer):
    base = f"sammanstallning/{kils_answer.challenge_id}/"
    page = cast[role].get(admin_url(material, base))
    export = cast[role].get(admin_url(material, base + "export.xlsx"))
    filtered = cast[role].get(admin_url(material, base + "?kategori=municipality&typ=initiative"))
    if role in STAFF:
        assert KILS_WORDS in page.content.decode() and KILS_WORDS in filtered.content.decode()
        assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    else:
        for response in [page, export, filtered]:
            assert refused_by_the_admin(response, role)
            assert KILS_WORDS not in response.content.decode()


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_starts_a_pdf_of_the_compilation(cast, role, material, kils_answer):
    started = cast[role].post(
        admin_url(material, "sammanstallning/pdf/"), {"challenge": kils_answer.challenge_id}
    )
    if role == "editor":
        job = PdfJob.objects.get()
        assert started["Location"] == f"/admin/arshjul/pdfjob/{job.pk}/change/"
        assert job.parameters == {
            "material_id": material.pk,
            "challenge_id": kils_answer.challenge_id,
        }
    else:
        assert refused_by_the_admin(started, role)
        assert not PdfJob.objects.exists()
    # A GET starts nothing, for anyone.
    assert cast[role].get(admin_url(material, "sammanstallning/pdf/")).status_code in {302, 403}
    assert PdfJob.objects.count() == (1 if role == "editor" else 0)


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_corrects_an_answer_in_the_admin(cast, role, kils_answer):
    url = f"/admin/working_material/answer/{kils_answer.pk}/change/"
    shown = form_as_shown(cast["editor"].get(url))
    [entry_name] = [name for name, value in shown.items() if value == KILS_WORDS]
    changed = cast[role].post(url, {**shown, entry_name: "Rättat", "status": "draft"})
    kils_answer.refresh_from_db()
    name = kils_answer.entries.get().name
    if role == "editor":
        assert changed.status_code == 302 and name == "Rättat" and not kils_answer.is_done
    else:
        assert refused_by_the_admin(changed, role)
        assert name == KILS_WORDS and kils_answer.is_done


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_the_material_in_the_admin(cast, role, material):
    url = f"/admin/working_material/workingmaterial/{material.pk}/change/"
    shown = form_as_shown(cast["editor"].get(url))
    changed = cast[role].post(url, {**shown, "introduction": "Nya ord från posten."})
    material.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and material.introduction == "Nya ord från posten."
    else:
        assert refused_by_the_admin(changed, role)
        assert material.introduction == "Berätta vad ni gör."
