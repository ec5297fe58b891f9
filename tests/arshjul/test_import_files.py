"""Whatever file staff give an import — not UTF-8, not a spreadsheet at all, empty, only a
heading, a sheet of a quarter of a million rows — the answer is the form again with what is
wrong beside the file (in Swedish), or the preview; never a server error. The same for every
import: invitees, a region's files (in the admin and with ``load_region``) and indicator values.
"""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from arshjul.models import Organisation
from arshjul.region import region_files
from indicators.models import Area, Geography, Indicator, IndicatorValue
from registrations.forms import InvitationRowForm
from registrations.models import Invitation
from tests import factories
from tests.helpers import NORDVIK

pytestmark = pytest.mark.django_db

NOT_TEXT = "Filen går inte att läsa som text"
HOW_TO_SAVE = "CSV UTF-8"
TOO_LONG = "Filen har fler än 5000 rader"
NOT_XLSX = "Filen gick inte att läsa som XLSX"


@pytest.fixture
def world(db):
    """A cycle with its meeting by invitation, an organisation, and indicators with places."""
    cycle = factories.cycle_with_meetings(2027)
    factories.organisation(name="Kils kommun", category="municipality", municipality_code="1715")
    Geography.objects.create(code="0017", name="Värmland", level="county")
    Geography.objects.create(code="1715", name="Kil", level="municipality")
    area = Area.objects.create(name="Stärka konkurrenskraften")
    Indicator.objects.create(code="VS-SOL", name="Solel", area=area, unit="MW", source="other")
    return cycle


@pytest.fixture
def imports(world):
    """Each import's address, the fields it asks for besides the file, and its columns."""
    direction = world.meetings.get(slug="riktningsmote")
    from indicators.values import ValueRowForm

    return {
        "invitees": (
            "/admin/registrations/invitation/import/",
            {"meeting": direction.pk},
            InvitationRowForm.COLUMNS,
        ),
        "region": (
            "/admin/arshjul/organisation/region/",
            {"kind": "organisationer"},
            next(k for k in region_files() if k.name == "organisationer").columns,
        ),
        "values": ("/admin/indicators/indicatorvalue/import/", {}, ValueRowForm.COLUMNS),
    }


def post_file(client, imports, which, name, content, **fields):
    url, data, _columns = imports[which]
    return client.post(url, {**data, **fields, "file": SimpleUploadedFile(name, content)})


def file_error(response) -> str:
    """What the form says beside the file field (empty: nothing)."""
    form = response.context["form"]
    return " ".join(form.errors.get("file", []))


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def nothing_imported() -> bool:
    return not (
        Invitation.objects.exists()
        or IndicatorValue.objects.exists()
        or Organisation.objects.exclude(name="Kils kommun")
        .exclude(category=Organisation.Category.REGION)
        .exists()
    )


WHICH = ["invitees", "region", "values"]


@pytest.mark.parametrize("which", WHICH)
def test_a_csv_that_is_not_utf8_is_refused_beside_the_file_with_how_to_save_one(
    editor_client, imports, which
):
    content = "Namn;E-post\nÅsa Öberg;asa@example.org\n".encode() + b"\x81\x8d\n"

    response = post_file(editor_client, imports, which, "lista.csv", content)

    assert response.status_code == 200
    assert NOT_TEXT in file_error(response) and HOW_TO_SAVE in file_error(response)
    html = response.content.decode()
    assert 'type="file"' in html and NOT_TEXT in html  # the form again, the message on it
    assert nothing_imported()


@pytest.mark.parametrize("which", WHICH)
def test_a_binary_file_named_csv_is_refused_as_not_text(editor_client, imports, which):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))

    response = post_file(editor_client, imports, which, "lista.csv", png)

    assert NOT_TEXT in file_error(response)
    assert nothing_imported()


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 not really a zip", b"hello", xlsx([])], ids=repr
)
def test_a_file_named_xlsx_that_is_not_one_is_refused(editor_client, imports, which, content):
    response = post_file(editor_client, imports, which, "lista.xlsx", content)

    assert response.status_code == 200
    assert file_error(response)
    assert nothing_imported()


def corrupt_cell(content: bytes, row: int) -> bytes:
    """The XLSX with the number in ``row``'s first cell replaced by a word (as a broken
    program might write it)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    f'<c r="A{row}" t="n"><v>'.encode(), f'<c r="A{row}" t="n"><v>x'.encode()
                )
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("which", WHICH)
def test_a_spreadsheet_with_a_broken_cell_is_refused_with_a_message(editor_client, imports, which):
    content = corrupt_cell(xlsx([["Namn", "År"], [1, 2], [3, 4]]), row=3)

    response = post_file(editor_client, imports, which, "lista.xlsx", content)

    assert NOT_XLSX in file_error(response)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\n\n\n", b"Namn;E-post\n", b"Namn;E-post\n;\n;;\n"],
    ids=repr,
)
def test_an_empty_file_or_one_with_only_headings_says_so(editor_client, imports, content):
    response = post_file(editor_client, imports, "invitees", "lista.csv", content)

    assert response.status_code == 200
    assert "filen är tom" in file_error(response).lower() or "inga rader" in file_error(response)
    assert nothing_imported()


def test_a_csv_with_a_cell_larger_than_the_csv_reader_takes_is_refused(editor_client, imports):
    content = b'Namn;E-post\n"' + b"a" * 200_000 + b'";a@example.org\n'

    response = post_file(editor_client, imports, "invitees", "lista.csv", content)

    assert "CSV" in file_error(response)


def test_a_file_larger_than_two_megabytes_is_refused_before_it_is_read(editor_client, imports):
    response = post_file(
        editor_client, imports, "invitees", "lista.csv", b"Namn;E-post\n" + b"a" * 2_200_000
    )

    assert "större än 2 MB" in file_error(response)


def test_excels_own_csv_in_windows_encoding_is_still_read(editor_client, imports):
    content = "Namn;E-post\nÅsa Öberg;asa@example.org\n".encode("cp1252")

    response = post_file(editor_client, imports, "invitees", "lista.csv", content)

    assert "Åsa Öberg" in response.content.decode() and not file_error(response)


# --- The XLSX bomb -----------------------------------------------------------------------------


def long_sheet(rows: int, heading=("Namn", "E-post")) -> bytes:
    """An XLSX of ``rows`` rows under a heading, written as a stream (little memory)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(heading))
    for n in range(rows):
        sheet.append([n, f"person{n}@example.org"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("which", WHICH)
def test_a_spreadsheet_longer_than_the_limit_is_refused_as_too_long(editor_client, imports, which):
    columns = imports[which][2]
    content = long_sheet(6000, heading=[columns[field][0] for field in list(columns)[:2]])
    assert len(content) < 300_000

    response = post_file(editor_client, imports, which, "lista.xlsx", content)

    assert TOO_LONG in file_error(response)
    assert nothing_imported()


def test_rows_past_the_limit_are_never_read(editor_client, imports):
    """A broken cell at row 5,500 is never reached: reading stops at the limit, and the file
    is refused as too long (had the whole sheet been read, the broken cell would show)."""
    content = corrupt_cell(long_sheet(6000), row=5500)

    response = post_file(editor_client, imports, "invitees", "lista.xlsx", content)

    assert TOO_LONG in file_error(response)


def test_a_sheet_whose_rows_jump_far_down_is_refused_as_too_long(editor_client, imports):
    """Row numbers say where a row is: a row numbered 1,048,576 makes a sheet of a million
    rows, however small the file (the reader fills in the empty rows between)."""
    content = xlsx([["Namn", "E-post"], ["Åsa", "asa@example.org"]])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<row r="2"', b'<row r="1048576"').replace(
                    b'r="A2"', b'r="A1048576"'
                )
                data = data.replace(b'r="B2"', b'r="B1048576"')
                data = data.replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:XFD1048576"')
            target.writestr(item, data)

    response = post_file(editor_client, imports, "invitees", "lista.xlsx", out.getvalue())

    assert TOO_LONG in file_error(response)


# --- load_region, on the command line -------------------------------------------------------


def test_load_region_names_a_file_that_is_not_utf8(tmp_path):
    (tmp_path / "organisationer.csv").write_bytes(b"Namn;Kategori\nKil\x81;Kommun\n")

    with pytest.raises(CommandError, match=NOT_TEXT):
        call_command("load_region", str(tmp_path), stdout=io.StringIO())

    assert not Organisation.objects.exists()


# --- Anything at all (hypothesis) -------------------------------------------------------------

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Cells a real file has (the example region's), beside any text at all.
REAL_CELLS = sorted(
    {
        cell
        for path in NORDVIK.glob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";")
        for cell in row
    }
    | {"Kils kommun", "1715", "0017", "VS-SOL", "asa@example.org", "2023", "12,5", "K", "T"}
)
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(REAL_CELLS),
    st.integers().map(str),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.sampled_from(["", "\x00", "a" * 300, "=1+1", "😀", "1e400", "NaN", "-0", "１２"]),
)


def import_of(imports, which, kind):
    """The address, the fields besides the file, and the columns — for the region import,
    of the kind of file drawn."""
    url, data, columns = imports[which]
    if which == "region":
        region_file = next(k for k in region_files() if k.name == kind)
        data, columns = {"kind": kind}, region_file.columns
    return url, data, columns


def assert_answered(client, url, data, name, content):
    """Never a server error: a message beside the file, or the preview (and, with no row in
    error, the import itself)."""
    response = client.post(url, {**data, "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    context = response.context
    if context["rows"] is None:
        assert context["form"].errors, "neither a preview nor a message"
        return
    if context["rows"] and not context["has_errors"]:
        done = client.post(url, {**data, "signed": context["signed"]})
        assert done.status_code in {200, 302}


def written(rows, kind: str, delimiter: str) -> tuple[str, bytes]:
    if kind == "xlsx":
        clean = [[ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row] for row in rows]
        return "fil.xlsx", xlsx(clean)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return "fil.csv", buffer.getvalue().encode()


def mutated(content: bytes, at: int, replacement: bytes) -> bytes:
    at %= max(len(content), 1)
    return content[:at] + replacement + content[at + len(replacement) :]


KINDS = [k.name for k in region_files()]
A_SPREADSHEET = xlsx([["Namn", "E-post", "Organisation"], ["Åsa", "asa@example.org", "Kil"]])


@pytest.mark.parametrize("which", WHICH)
def test_any_bytes_under_any_name_get_a_message_or_a_preview(editor_client, imports, which):
    @EXAMPLES
    @given(
        content=st.one_of(
            st.binary(max_size=3000),
            st.builds(
                mutated, st.just(A_SPREADSHEET), st.integers(0), st.binary(min_size=1, max_size=8)
            ),
        ),
        name=st.sampled_from(["fil.csv", "fil.xlsx", "fil.txt", "fil.json", "fil.xls", "fil"]),
        kind=st.sampled_from(KINDS),
    )
    def check(content, name, kind):
        url, data, _columns = import_of(imports, which, kind)
        assert_answered(editor_client, url, data, name, content)

    check()


@pytest.mark.parametrize("which", WHICH)
@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_any_rows_under_known_headings_get_a_message_or_a_preview(
    editor_client, imports, which, form
):
    @EXAMPLES
    @given(
        kind=st.sampled_from(KINDS),
        data=st.data(),
        delimiter=st.sampled_from([";", ",", "\t"]),
    )
    def check(kind, data, delimiter):
        url, fields, columns = import_of(imports, which, kind)
        headings = [names[0] if names else field for field, names in columns.items()]
        heading = data.draw(st.lists(st.one_of(st.sampled_from(headings), cells), max_size=12))
        rows = data.draw(st.lists(st.lists(cells, max_size=len(heading) + 2), max_size=8))
        name, content = written([heading, *rows], form, delimiter)
        assert_answered(editor_client, url, fields, name, content)

    check()
