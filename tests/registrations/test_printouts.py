"""The meeting's printouts as people read them: names in Swedish order by surname (Å, Ä and Ö
last), words broken at Swedish hyphenation points, e-mail addresses only after "@" and ".",
sign-in rows with room to sign, badges whose names line up and that carry the organiser's
logo. Read from the PDFs themselves, with poppler's word boxes."""

import csv
import html
import io
import re
import shutil
import subprocess

import pyphen
import pytest
from PIL import Image

from arshjul.lib.collation import surname, surname_key
from arshjul.models import Identity, PdfJob
from registrations.services import Person, participants_register
from tests import factories
from tests.helpers import require

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points in a millimetre
# Registered in this order; a Swedish list has them as SORTED.
NAMES = ["Maria Öberg", "Per Åberg", "Anna Zetterlund", "Eva Ärlemalm", "Lars Andersson"]
NAMES += ["Émile Ekström", "Eva af Klint", "Mohammed Al-Hassan"]
SORTED = [
    "Mohammed Al-Hassan",
    "Lars Andersson",
    "Émile Ekström",
    "Eva af Klint",
    "Anna Zetterlund",
    "Per Åberg",
    "Eva Ärlemalm",
    "Maria Öberg",
]
ROLE_WORD = "kompetensförsörjningsfrågor"
EMAIL = "fornamn.efternamn.med.mycket.lang.adress@raddningstjanst.varmland.example.org"


def test_a_name_sorts_by_its_surname_in_the_swedish_alphabet():
    assert sorted(NAMES, key=surname_key) == SORTED
    assert surname("Anna-Karin Lund") == "Lund" and surname("Eva af Klint") == "Klint"
    assert sorted(["Östen Ö", "Åsa Å", "Ärla Ä", "Zlatan Z", "Ülle Ü", "Vera V", "Wilma W"],
                  key=surname_key) == [
        "Vera V", "Wilma W", "Ülle Ü", "Zlatan Z", "Åsa Å", "Ärla Ä", "Östen Ö"
    ]  # fmt: skip


@pytest.fixture
def eight(work_meeting, owner):
    """Eight participants of one organisation, in one workshop group, registered in an order
    that is no order at all."""
    group = work_meeting.cycle.cycle_challenges.first().challenge
    work_meeting.capacity = 20
    work_meeting.save()
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[
            Person(
                name,
                f"d{n}.{EMAIL}",
                role=f"Strateg för {ROLE_WORD}",
                workshop_group=group,
            )
            for n, name in enumerate(NAMES)
        ],
    )
    return work_meeting


def printout(client, meeting, kind, capture):
    with capture(execute=True):
        client.post(f"/admin/meetings/meeting/{meeting.pk}/pdf/{kind}/")
    job = PdfJob.objects.latest("pk")
    assert job.state == PdfJob.State.DONE, job.error
    return job.file.path


def boxes(path, tmp_path) -> list[list[dict]]:
    """Per page, each word with its box in points (poppler's pdftotext -bbox)."""
    require(bool(shutil.which("pdftotext")), "pdftotext is missing (apt-get install poppler-utils)")
    out = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(path), str(out)], check=True)  # noqa: S603, S607
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [
            {"x": float(x0), "y": float(y0), "right": float(x1), "text": html.unescape(text)}
            for x0, y0, x1, _y1, text in re.findall(pattern, page)
        ]
        for page in re.findall(r"<page .*?</page>", out.read_text(), re.S)
    ]


def text_of(path, tmp_path) -> str:
    return " ".join(w["text"] for page in boxes(path, tmp_path) for w in page)


def in_order(text: str, names: list[str]) -> bool:
    places = [text.index(name) for name in names]
    return places == sorted(places)


@pytest.mark.parametrize("kind", ["participant_list", "name_badges", "sign_in_sheet"])
def test_each_printout_lists_people_by_surname_in_swedish_order(
    kind, eight, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    path = printout(editor_client, eight, kind, django_capture_on_commit_callbacks)
    assert in_order(text_of(path, tmp_path), SORTED)


def test_the_workshop_groups_and_the_export_sort_by_surname_too(
    eight, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    path = printout(editor_client, eight, "workshop_groups", django_capture_on_commit_callbacks)
    assert in_order(text_of(path, tmp_path), SORTED)
    response = editor_client.get(f"/admin/meetings/meeting/{eight.pk}/export/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[2] for row in rows[1:]] == SORTED


def pieces(words: list[str], whole: str) -> list[str]:
    """The consecutive words that together print ``whole`` (broken over lines), each as
    printed (with the hyphen a break added)."""
    for start, word in enumerate(words):
        if not whole.startswith(word.rstrip("-‐")) or not word:
            continue
        found, joined = [], ""
        for piece in words[start:]:
            found.append(piece)
            joined += piece.rstrip("-‐") if piece.endswith(("-", "‐")) else piece
            if joined == whole:
                return found
            if not whole.startswith(joined):
                break
    return []


def breaks(found: list[str]) -> list[int]:
    """Where a word printed in ``found`` pieces was broken (positions in the whole word)."""
    at, positions = 0, []
    for piece in found[:-1]:
        at += len(piece.rstrip("-‐") if piece.endswith(("-", "‐")) else piece)
        positions.append(at)
    return positions


def test_long_words_break_at_swedish_hyphenation_points_and_addresses_at_at_and_dots(
    eight, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    path = printout(editor_client, eight, "participant_list", django_capture_on_commit_callbacks)
    words = [w["text"] for page in boxes(path, tmp_path) for w in page]
    points = set(pyphen.Pyphen(lang="sv").positions(ROLE_WORD))
    role = pieces(words, ROLE_WORD)
    assert len(role) > 1, words[:60]  # the column is narrower than the word
    assert set(breaks(role)) <= points, role
    assert all(piece.endswith(("-", "‐")) for piece in role[:-1]), role  # hyphenated
    address = pieces(words, f"d0.{EMAIL}")
    assert len(address) > 1, words[:60]
    assert all(piece.endswith(("@", ".")) for piece in address[:-1]), address
    assert not any(piece.endswith(("-", "‐")) for piece in address), address


def test_every_sign_in_row_has_room_to_sign(
    eight, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    path = printout(editor_client, eight, "sign_in_sheet", django_capture_on_commit_callbacks)
    [page] = boxes(path, tmp_path)
    header = next(w for w in page if w["text"] == "#")
    numbers = [w for w in page if w["x"] <= header["right"] and w["y"] > header["y"]]
    assert [w["text"] for w in numbers] == [str(n) for n in range(1, 9)]
    heights = [b["y"] - a["y"] for a, b in zip(numbers, numbers[1:], strict=False)]
    assert min(heights) >= 12 * MM, [round(h / MM, 1) for h in heights]


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#004b87").save(buffer, "PNG")
    return buffer.getvalue()


def test_badges_line_up_and_carry_the_organisers_logo_and_the_group(
    work_meeting, owner, editor_client, private_files, django_capture_on_commit_callbacks, tmp_path
):
    Identity.objects.create(organiser_name="Region Nordvik", logo=png_logo(), logo_type="image/png")
    group = work_meeting.cycle.cycle_challenges.first().challenge  # "demografi och utanförskap"
    long_name = factories.organisation(
        name="Kommunalförbundet för Räddningstjänst i Norra Värmland", category="other"
    )
    people = [
        ("Anna-Karin von Essen-Lagerlöf", long_name),
        ("Bo Ek", owner.organisation),
        ("Cecilia Dahl", long_name),
        ("Dan Ahl", owner.organisation),
    ]
    for name, organisation in people:
        participants_register(
            meeting=work_meeting,
            organisation=organisation,
            people=[Person(name, f"{name.split()[0].lower()}@example.org", workshop_group=group)],
        )
    path = printout(editor_client, work_meeting, "name_badges", django_capture_on_commit_callbacks)
    [page] = boxes(path, tmp_path)
    first_words = {"Anna-Karin", "Bo", "Cecilia", "Dan"}
    tops = sorted(w["y"] for w in page if w["text"] in first_words)
    # Two rows of badges, each name at its row's one height (to a quarter of a millimetre).
    assert tops[1] - tops[0] < MM / 4 and tops[3] - tops[2] < MM / 4, tops
    assert tops[2] - tops[0] > 40 * MM, tops
    text = " ".join(w["text"] for w in page)
    assert text.count("Workshopgrupp: Demografi och utanförskap") == 4
    assert text.count("Region Nordvik") == 4
    require(bool(shutil.which("pdfimages")), "pdfimages is missing (apt-get install poppler-utils)")
    listing = subprocess.run(  # noqa: S603
        ["pdfimages", "-list", path],
        check=True,
        capture_output=True,
        text=True,  # noqa: S607
    ).stdout
    assert len(listing.strip().splitlines()) - 2 == 4  # one logo on each badge
