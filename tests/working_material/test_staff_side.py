"""Staff's side of the working material beyond the compilation's page: the list of materials
linking each challenge's compilation, a challenge not in the material, the whole cycle's PDF,
a correction in the admin that a coordinator's stale page does not overwrite, and the pages
that read as few rows for many entries as for one."""

import io

import pypdf
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arshjul.models import Challenge, PdfJob
from tests.helpers import pango_available, require, sign_in
from tests.html import form_as_shown
from tests.working_material.helpers import entry, form
from working_material.models import Answer, Entry

MATERIALS = "/admin/working_material/workingmaterial/"


def answer_with_entries(material, organisation, challenge, names, *, done=True) -> Answer:
    now = timezone.now()
    answer = Answer.objects.create(
        material=material,
        organisation=organisation,
        challenge=challenge,
        status=Answer.Status.DONE if done else Answer.Status.DRAFT,
        last_saved_at=now,
        done_at=now if done else None,
    )
    Entry.objects.bulk_create(
        Entry(answer=answer, kind="initiative", name=name, saved_at=now) for name in names
    )
    return answer


def test_the_list_of_materials_links_each_challenges_compilation(
    material, challenges, reader_client
):
    listing = reader_client.get(MATERIALS).content.decode()
    for challenge in challenges:
        link = f'href="{MATERIALS}{material.pk}/sammanstallning/{challenge.pk}/"'
        assert f"{link}>{challenge.name.capitalize()}</a>" in listing


def test_a_challenge_not_in_the_material_has_no_compilation(material, editor_client):
    other = Challenge.objects.create(name="klimatomställningen").pk
    base = f"{MATERIALS}{material.pk}/sammanstallning/"
    assert editor_client.get(f"{base}{other}/").status_code == 404
    assert editor_client.get(f"{base}{other}/export.xlsx").status_code == 404
    assert editor_client.post(f"{base}pdf/", {"challenge": other}).status_code == 404
    assert editor_client.get(f"{MATERIALS}999999/sammanstallning/{other}/").status_code == 404
    assert not PdfJob.objects.exists()


def test_the_pdf_of_the_whole_cycle_has_every_challenge_under_its_name(
    material, challenges, kil, editor_client, private_files
):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    answer_with_entries(material, kil, challenges[0], ["Kompetenslyftet"])
    answer_with_entries(material, kil, challenges[1], ["Solelen"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(f"{MATERIALS}{material.pk}/sammanstallning/pdf/")
    job = PdfJob.objects.get()
    assert job.state == "done" and job.file.name.endswith("sammanstallning-2027.pdf")
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(job.file.read())).pages)
        .replace("\n", " ")
        .split()
    )
    for challenge in challenges:
        assert challenge.name.capitalize() in text
    assert "Kompetenslyftet" in text and "Solelen" in text
    # Staff see which job it is, in words.
    job_page = editor_client.get(f"/admin/arshjul/pdfjob/{job.pk}/change/").content.decode()
    assert "Arbetsmaterial 2027" in job_page


def test_a_staff_correction_is_not_overwritten_from_a_coordinators_stale_page(
    owner, editor_client, challenges
):
    first = challenges[0]
    owner_client = sign_in(Client(), owner)
    url = f"/min-organisation/arbetsmaterial/{first.pk}/"
    owner_client.post(url, form(entries=[entry(name="Forumet")]))
    stale = owner_client.get(url)
    answer = Answer.objects.get()
    admin_page = f"/admin/working_material/answer/{answer.pk}/change/"
    shown = form_as_shown(editor_client.get(admin_page))
    [name_field] = [k for k, v in shown.items() if v == "Forumet"]
    assert (
        editor_client.post(admin_page, {**shown, name_field: "Forumet (rättat)"}).status_code == 302
    )

    clash = owner_client.post(url, form_as_shown(stale, **{"e-0-name": "Forumet 2"}, action="save"))
    assert "redaktor ändrade det här" in clash.content.decode()
    assert Entry.objects.get().name == "Forumet (rättat)"


def test_the_coordinators_pages_read_as_few_rows_for_many_entries_as_for_one(
    material, challenges, owner, django_assert_max_num_queries
):
    client = sign_in(Client(), owner)
    pages = [
        "/min-organisation/arbetsmaterial/",
        f"/min-organisation/arbetsmaterial/{challenges[0].pk}/",
    ]
    answers = [
        answer_with_entries(material, owner.organisation, challenge, ["En"], done=False)
        for challenge in challenges
    ]

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    for url in pages:
        queries(url)  # the site's own caches filled
    with_one = [queries(url) for url in pages]
    for answer in answers:
        Entry.objects.bulk_create(
            Entry(answer=answer, kind="forum", name=f"Forum {n}", saved_at=timezone.now())
            for n in range(40)
        )
    for url, count in zip(pages, with_one, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
