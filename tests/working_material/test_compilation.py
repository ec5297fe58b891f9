"""Staff's compilation per challenge: exactly the answers marked done (drafts are not
compiled), filters, counts, XLSX and a PDF made in the background; the reminders; material
for one challenge's workshop group."""

import io

import pypdf
import pytest
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from tests import factories
from tests.helpers import require
from working_material import services
from working_material.models import Answer, Entry, Reflection


def answer_for(material, organisation, challenge, *, done=True, entries=(), reflections=None):
    now = timezone.now()
    answer = Answer.objects.create(
        material=material,
        organisation=organisation,
        challenge=challenge,
        status="done" if done else "draft",
        last_saved_at=now,
        done_at=now if done else None,
    )
    for kind, name in entries:
        Entry.objects.create(answer=answer, kind=kind, name=name, saved_at=now)
    for kind, text in (reflections or {}).items():
        Reflection.objects.create(answer=answer, kind=kind, text=text, saved_at=now)
    return answer


@pytest.fixture
def answered(material, challenges, kil):
    first = challenges[0]
    answer_for(
        material,
        kil,
        first,
        entries=[("initiative", "Kompetenslyftet"), ("network", "Arbetsgivarnätverket")],
        reflections={"hard": "Att nå de små företagen.", "keep": "Nätverket"},
    )
    cluster = factories.organisation(name="Paper Province", category="cluster")
    answer_for(material, cluster, first, entries=[("forum", "Skogsforumet")])
    draft_org = factories.organisation(
        name="Utkastkommunen", category="municipality", municipality_code="1737"
    )
    answer_for(material, draft_org, first, done=False, entries=[("initiative", "Hemligt utkast")])
    return material


def compilation_url(material, challenge, query=""):
    base = f"/admin/working_material/workingmaterial/{material.pk}/sammanstallning"
    return f"{base}/{challenge.pk}/{query}"


def test_the_compilation_shows_exactly_what_is_marked_done(answered, challenges, reader_client):
    html = reader_client.get(compilation_url(answered, challenges[0])).content.decode()
    for shown in [
        "Kils kommun",
        "Kompetenslyftet",
        "Arbetsgivarnätverket",
        "Att nå de små företagen.",
        "Paper Province",
        "Skogsforumet",
    ]:
        assert shown in html
    assert "Hemligt utkast" not in html and "Utkastkommunen" not in html
    assert "2 organisationer har markerat utmaningen som klar." in html
    assert "1 till har ett utkast" in html
    assert "<td>1</td><td>1</td><td>1</td><td>0</td><td>0</td>" in html  # per type


def test_the_compilation_filters_by_category_and_type(answered, challenges, reader_client):
    html = reader_client.get(
        compilation_url(answered, challenges[0], "?kategori=cluster")
    ).content.decode()
    assert "Skogsforumet" in html and "Kompetenslyftet" not in html
    html = reader_client.get(
        compilation_url(answered, challenges[0], "?typ=network")
    ).content.decode()
    assert "Arbetsgivarnätverket" in html and "Kompetenslyftet" not in html
    # A value we do not know is no filter at all.
    html = reader_client.get(
        compilation_url(answered, challenges[0], "?typ=<script>")
    ).content.decode()
    assert "Kompetenslyftet" in html


def test_the_export_holds_the_entries_and_reflections(answered, challenges, reader_client):
    download = reader_client.get(compilation_url(answered, challenges[0], "export.xlsx"))
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Organisation", "Kategori", "Typ")
    cells = [c for row in rows for c in row if c]
    assert "Kompetenslyftet" in cells and "Att nå de små företagen." in cells
    assert "Hemligt utkast" not in cells


def test_the_pdf_has_each_organisations_entries(answered, challenges, editor_client, private_files):
    from tests.helpers import pango_available

    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = editor_client.post(
            f"/admin/working_material/workingmaterial/{answered.pk}/sammanstallning/pdf/",
            {"challenge": challenges[0].pk},
        )
    job_url = started["Location"]
    from arshjul.models import PdfJob

    job = PdfJob.objects.get()
    assert job.state == "done", job.error
    assert job_url == f"/admin/arshjul/pdfjob/{job.pk}/change/"
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in [
        "Kils kommun",
        "Kompetenslyftet",
        "Arbetsgivarnätverket",
        "Paper Province",
        "Skogsforumet",
        "Att nå de små företagen.",
    ]:
        assert expected in text
    assert "Hemligt utkast" not in text


def test_a_reader_cannot_start_a_pdf(answered, reader_client):
    refused = reader_client.post(
        f"/admin/working_material/workingmaterial/{answered.pk}/sammanstallning/pdf/"
    )
    assert refused.status_code == 403


def test_the_compilation_keeps_its_query_count_with_5_or_100_organisations(
    material, challenges, staff_client
):
    first = challenges[0]

    def add(count, start):
        for n in range(start, start + count):
            org = factories.organisation(name=f"Org {n}", category="other")
            answer_for(
                material,
                org,
                first,
                entries=[("initiative", f"I{n}"), ("forum", f"F{n}")],
                reflections={"hard": "Svårt"},
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(compilation_url(material, first)).status_code == 200
        return len(context.captured_queries)

    add(5, 0)
    queries()  # the site's own caches filled (the organiser's identity is read once)
    add(1, 5)  # each addition makes the compilation anew
    with_6 = queries()
    add(94, 6)
    assert queries() == with_6
    # Nothing changed since: the compilation is read from the cache, in fewer queries.
    assert queries() < with_6


def test_the_compilation_kept_in_the_cache_changes_when_an_answer_does(
    material, challenges, staff_client
):
    first = challenges[0]
    org = factories.organisation(name="Föreningen", category="civil_society")
    answer = answer_for(material, org, first, entries=[("initiative", "Gamla namnet")])
    url = compilation_url(material, first)
    assert "Gamla namnet" in staff_client.get(url).content.decode()
    entry = answer.entries.get()
    entry.name = "Nya namnet"
    entry.save()
    text = staff_client.get(url).content.decode()
    assert "Nya namnet" in text
    assert "Gamla namnet" not in text
    # Marked back as a draft: no longer shared, at once.
    answer.status = Answer.Status.DRAFT
    answer.save()
    assert "Nya namnet" not in staff_client.get(url).content.decode()


def test_organisations_not_done_are_reminded_7_and_2_days_before_once_each(
    frozen_now, material, challenges, owner, colleague, outsider
):
    def sweep():
        with TestCase.captureOnCommitCallbacks(execute=True):
            return run_sweeps(["reminders"])["reminders"]

    for challenge in challenges:  # Eda is done with everything
        answer_for(material, outsider.organisation, challenge)
    answer_for(material, owner.organisation, challenges[0], done=False)  # Kil has begun one
    frozen_now(2026, 12, 31, 23, 0)
    assert sweep() == 0  # eight days before
    frozen_now(2027, 1, 1, 9)
    assert sweep() == 1 and sweep() == 0
    frozen_now(2027, 1, 6, 9)
    assert sweep() == 1 and sweep() == 0
    reminders = OutgoingMail.objects.filter(kind="working_material_reminder").order_by("pk")
    # Kil's lead and its co-coordinator, twice; never Eda.
    assert (
        sorted(reminders.values_list("to", flat=True))
        == ["anna@kil.example.org"] * 2 + ["bo@kil.example.org"] * 2
    )
    # Each says what is new in it: the days left, and what Kil has still to do.
    assert sorted(set(reminders.values_list("subject", flat=True))) == [
        "Kils kommun: 2 dagar kvar att svara på arbetsmaterialet (8 januari)",
        "Kils kommun: 7 dagar kvar att svara på arbetsmaterialet (8 januari)",
    ]
    body = reminders.first().body_text
    assert "Det här återstår för Kils kommun:" in body
    assert f"- {challenges[0].name.capitalize()}: påbörjad, inte markerad som klar" in body
    assert f"- {challenges[1].name.capitalize()}: inte påbörjad" in body


def test_a_meetings_material_for_one_challenge_is_shown_under_it(cycle, client):
    meeting = cycle.meetings.get(slug="arbetsmote")
    challenge = cycle.cycle_challenges.first().challenge
    factories.material(cycle, meeting=meeting, title="Läsning för alla")
    factories.material(cycle, meeting=meeting, title="Om demografin", challenge=challenge)
    html = client.get("/arshjul/2027/moten/arbetsmote/").content.decode()
    assert "Läsning för alla" in html
    assert "För gruppen om demografi och utanförskap" in html
    assert html.index("För gruppen om") < html.index("Om demografin")


def test_the_coordinators_progress_in_services(material, challenges, kil):
    answer_for(material, kil, challenges[0])
    assert services.organisations_done(material) == set()
    answer_for(material, kil, challenges[1])
    assert services.organisations_done(material) == {kil.pk}


def test_no_material_no_pages(cycle, owner):
    client = Client()
    from tests.helpers import sign_in

    sign_in(client, owner)
    assert client.get("/min-organisation/arbetsmaterial/").status_code == 404


def test_the_kept_compilation_makes_as_few_queries_for_100_organisations_as_for_5(
    material, challenges, reader_client, django_assert_max_num_queries
):
    first = challenges[0]
    url = compilation_url(material, first)

    def add(count, start):
        for n in range(start, start + count):
            org = factories.organisation(name=f"Org {n}", category="other")
            answer_for(material, org, first, entries=[("initiative", f"Initiativ {n}")])

    add(5, 0)
    reader_client.get(url)  # the CSRF cookie given: the next one is kept
    reader_client.get(url)
    with CaptureQueriesContext(connection) as kept:
        reader_client.get(url)
    with_5 = len(kept)
    add(95, 5)
    assert "Initiativ 99" in reader_client.get(url).content.decode()  # made anew
    with django_assert_max_num_queries(with_5):
        page = reader_client.get(url).content.decode()
    assert "100 organisationer har markerat utmaningen som klar." in page


def test_a_reader_whose_role_is_taken_away_no_longer_sees_a_kept_compilation(
    answered, challenges, reader
):
    client = Client()
    client.force_login(reader)
    url = compilation_url(answered, challenges[0])
    assert client.get(url).status_code == 200
    assert "Kompetenslyftet" in client.get(url).content.decode()  # kept now
    reader.groups.clear()
    assert client.get(url).status_code == 403


def test_each_reader_gets_the_compilation_as_their_role_shows_it(
    answered, challenges, reader_client, editor
):
    url = compilation_url(answered, challenges[0])
    editor_client = Client()
    editor_client.force_login(editor)
    for _ in range(2):
        assert "Kompetenslyftet" in reader_client.get(url).content.decode()
        assert "Kompetenslyftet" in editor_client.get(url).content.decode()
    # A filter is a page of its own.
    forums = reader_client.get(url, {"typ": "forum"}).content.decode()
    assert "Skogsforumet" in forums and "Kompetenslyftet" not in forums
    assert "Kompetenslyftet" in reader_client.get(url).content.decode()
