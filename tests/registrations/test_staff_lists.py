"""Staff's lists and printouts of a meeting: exports (with needs only for who may see them,
and the caterer's counts without names), the meetings' list with its figures, and the PDFs —
badges eight a page, and no table wider than its page."""

import csv
import html
import io
import re
import shutil
import subprocess

import pypdf
import pytest
from django.test import Client

from arshjul.models import PdfJob
from registrations.services import Person, participants_register
from tests import factories
from tests.helpers import require, sign_in

pytestmark = pytest.mark.django_db

LONG_ORGANISATION = (
    "Kommunalförbundet för Räddningstjänst och Gemensam Administration i Norra Värmland"
)
LONG_EMAIL = "fornamn.efternamn.med.mycket.lang.adress@raddningstjanst-norra-varmland.example.org"


@pytest.fixture
def registered(work_meeting, owner, outsider):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    work_meeting.capacity = 3
    work_meeting.save()
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[
            Person(
                "Ada Andersson",
                "ada@kil.example.org",
                workshop_group=group,
                dietary_needs="Vegetarisk",
                needs_consent=True,
            ),
            Person(
                "Bo Berg",
                "bo@kil.example.org",
                workshop_group=group,
                dietary_needs="vegetarisk ",
                accessibility_needs="Rullstol",
                needs_consent=True,
            ),
        ],
    )
    participants_register(
        meeting=work_meeting,
        organisation=outsider.organisation,
        people=[
            Person("Cilla Ek", "cilla@eda.example.org", workshop_group=group),
            Person(
                "Dan Dal",
                "dan@eda.example.org",
                workshop_group=group,
                dietary_needs="Glutenfri",
                needs_consent=True,
            ),
        ],
    )
    return work_meeting


def export(client, meeting, table, fmt="csv"):
    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/export/{table}.{fmt}")
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_participant_export_is_grouped_by_organisation_with_needs_for_an_editor(
    registered, editor_client
):
    rows = export(editor_client, registered, "participants")
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Organisation", "Workshopgrupp", "Namn"]
    assert "Kost" in header
    assert [(r[0], r[2], r[5]) for r in body] == [
        ("Eda kommun", "Cilla Ek", "Bekräftad"),
        ("Kils kommun", "Ada Andersson", "Bekräftad"),
        ("Kils kommun", "Bo Berg", "Bekräftad"),
        ("Eda kommun", "Dan Dal", "På väntelistan"),
    ]
    assert body[3][header.index("Kost")] == "Glutenfri"


def test_a_reader_exports_no_needs_and_the_caterer_gets_counts_without_names(
    registered, reader_client
):
    rows = export(reader_client, registered, "participants")
    assert "Kost" not in rows[0] and "Tillgänglighet" not in rows[0]
    assert not any("Vegetarisk" in cell or "Rullstol" in cell for row in rows for cell in row)

    catering = export(reader_client, registered, "catering")
    assert catering == [
        ["Kost", "Antal"],
        ["Deltagare totalt", "3"],
        ["Utan särskild kost", "1"],
        ["Vegetarisk", "2"],
    ]
    names = ["Ada", "Bo", "Cilla", "Dan", "Andersson", "Berg"]
    assert not any(name in cell for row in catering for cell in row for name in names)


def test_the_xlsx_export_has_the_same_rows(registered, editor_client):
    from openpyxl import load_workbook

    response = editor_client.get(f"/admin/meetings/meeting/{registered.pk}/export/catering.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()][:2] == [
        ["Kost", "Antal"],
        ["Deltagare totalt", 3],
    ]


def test_invitees_and_their_answers_are_exported(cycle, editor_client):
    from registrations.invitations import invitation_add

    direction = cycle.meetings.get(slug="riktningsmote")
    invitation_add(meeting=direction, name="Ulla Inbjuden", email="ulla@example.org")
    rows = export(editor_client, direction, "invitations")
    assert rows[0][:3] == ["Organisation", "Namn", "E-post"]
    assert rows[1][1:3] == ["Ulla Inbjuden", "ulla@example.org"]
    assert rows[1][5] == "Inget svar än"


def test_only_staff_export(registered, owner, outsider):
    url = f"/admin/meetings/meeting/{registered.pk}/export/participants.csv"
    assert Client().get(url).status_code == 302
    for coordinator in (owner, outsider):
        assert sign_in(Client(), coordinator).get(url).status_code == 302


def test_the_meetings_list_shows_registered_of_capacity_and_waiting(registered, reader_client):
    html = reader_client.get("/admin/meetings/meeting/").content.decode()
    assert "Anmälda / platser" in html
    assert '<td class="field-registered">3 / 3</td>' in html
    assert '<td class="field-waiting">1</td>' in html


def pdf_of(client, meeting, kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/meetings/meeting/{meeting.pk}/pdf/{kind}/")
    assert response.status_code == 302
    job = PdfJob.objects.latest("pk")
    assert job.state == PdfJob.State.DONE, job.error
    return pypdf.PdfReader(io.BytesIO(job.file.read()))


def test_badges_for_17_participants_fill_3_pages_with_every_name(
    work_meeting, owner, editor_client, private_files, django_capture_on_commit_callbacks
):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    names = [f"Deltagare Nummer{n}" for n in range(17)]
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[
            Person(name, f"d{n}@kil.example.org", workshop_group=group)
            for n, name in enumerate(names)
        ],
    )
    pdf = pdf_of(editor_client, work_meeting, "name_badges", django_capture_on_commit_callbacks)
    assert len(pdf.pages) == 3
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert all(name in text for name in names)
    assert text.count("Kils kommun") == 17


@pytest.mark.parametrize(
    "kind, headers",
    [
        ("participant_list", ["Namn", "Roll", "E-post", "Workshopgrupp"]),
        ("sign_in_sheet", ["Namn", "Organisation", "Namnteckning"]),
        ("workshop_groups", ["Namn", "Organisation", "Roll"]),
    ],
)
def test_no_table_is_wider_than_its_page(
    kind,
    headers,
    work_meeting,
    editor_client,
    private_files,
    django_capture_on_commit_callbacks,
    tmp_path,
):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    org = factories.organisation(name=LONG_ORGANISATION, category="other")
    participants_register(
        meeting=work_meeting,
        organisation=org,
        people=[
            Person(
                f"Person {n} Med Ett Ovanligt Långt Dubbelnamn",
                f"{n}{LONG_EMAIL}",
                role="Förvaltningschef för samhällsbyggnad",
                workshop_group=group,
            )
            for n in range(30)
        ],
    )
    pdf = pdf_of(editor_client, work_meeting, kind, django_capture_on_commit_callbacks)
    assert len(pdf.pages) > 1
    job = PdfJob.objects.latest("pk")
    for width, words in pages_of_words(job.file.path, tmp_path):
        texts = [text for text, _ in words]
        # The last column's header whole on every page (a cut one would read "Namntec…").
        assert all(header in texts for header in headers), (kind, texts[:40])
        # No word runs past the page's right edge.
        assert max(right for _, right in words) <= width, kind


def pages_of_words(path, tmp_path) -> list[tuple[float, list[tuple[str, float]]]]:
    """Per page: its width, and each word with its right edge (poppler's pdftotext -bbox)."""
    require(bool(shutil.which("pdftotext")), "pdftotext is missing (apt-get install poppler-utils)")
    out = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(path), str(out)], check=True)  # noqa: S603, S607
    pages = []
    for page in re.findall(r"<page (.*?)</page>", out.read_text(), re.S):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        words = [
            (html.unescape(text), float(right))
            for right, text in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', page)
        ]
        pages.append((width, words))
    return pages


def test_the_coordinators_pdf_fits_and_lists_categories_in_their_swedish_order(
    cycle, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    for name, category in [
        ("Karlstads universitet", "university"),
        ("Region Värmland", "region"),
        ("Arvika kommun", "municipality"),
    ]:
        code = "1784" if category == "municipality" else ""
        org = factories.organisation(name=name, category=category, municipality_code=code)
        email = f"{name[:3].lower()}{LONG_EMAIL}"
        factories.coordinator(
            cycle, org, name=f"Samordnare {name}", email=email, phone="070-123 45 67"
        )
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/arshjul/cycle/{cycle.pk}/samordnare-pdf/")
    job = PdfJob.objects.get()
    [(width, words)] = pages_of_words(job.file.path, tmp_path)
    assert "Telefon" in [text for text, _ in words]
    assert max(right for _, right in words) <= width
    text = " ".join(text for text, _ in words).replace("\u2010 ", "")  # hyphenated, whole
    assert (
        text.index("Region Värmland")
        < text.index("Arvika kommun")
        < text.index("Karlstads universitet")
    )
    assert "070-123 45 67" in text


def test_a_reader_prints_what_carries_no_needs_and_follows_the_job(registered, reader_client):
    """A Läsare may not see needs, and no printout shows them: the sign-in sheet for the day
    is the reader's to print."""
    html = reader_client.get(f"/admin/arshjul/cycle/{registered.cycle_id}/oversikt/")
    assert "Närvarolista" in html.content.decode()
    response = reader_client.post(f"/admin/meetings/meeting/{registered.pk}/pdf/sign_in_sheet/")
    job = PdfJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/pdfjob/{job.pk}/change/")
    assert reader_client.get(response.url).status_code == 200
