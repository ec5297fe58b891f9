"""Importing rows from a spreadsheet — the one way the project imports (invitees now;
indicator values and a region's set-up later): read a CSV or XLSX file into rows keyed by
column, check every row with a Django form, show a preview with each row's errors by row
number, and import all rows or none.

The admin's import views upload the file, show :func:`check_rows`' preview, and carry the
file to the confirming step signed (:func:`sign_file` / :func:`unsign_file`), so that what is
imported is exactly what was previewed.
"""

import base64
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# A sheet is read no further than this many rows, empty ones counted (a heading, the rows,
# and room for the empty rows a spreadsheet has between them), nor wider than MAX_COLUMNS.
MAX_SHEET_ROWS = 4 * MAX_ROWS
MAX_COLUMNS = 100
# What an XLSX file (a zip) may unpack to: a 2 MB file could otherwise hold gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message says why, for staff."""


@dataclass
class Row:
    number: int  # as the spreadsheet counts, the header being row 1
    values: dict[str, str]
    form: forms.Form

    @property
    def cells(self) -> list[str]:
        """The row's values in the order of its form's fields, for the preview."""
        return [self.values.get(name, "") for name in self.form.fields]

    @property
    def errors(self) -> list[str]:
        problems = []
        for field, messages in self.form.errors.items():
            label = self.form.fields[field].label if field in self.form.fields else ""
            problems += [f"{label}: {m}" if label else m for m in messages]
        return problems


def read_rows(name: str, content: bytes, *, columns: dict[str, list[str]]) -> list[dict]:
    """The rows of a CSV or XLSX file as dicts by field name. ``columns`` maps each field to
    the headings it may have in the file (any case): {"name": ["namn", "name"], …}.

    Whatever the file holds, what is wrong with it is an :class:`ImportFileError` (never
    another exception), and a long file is read only as far as the limit."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        table = _xlsx(content)
    elif lowered.endswith((".csv", ".txt")):
        table = _csv(content)
    else:
        raise ImportFileError(_("Upload a CSV or XLSX file (Excel, LibreOffice or Numbers)."))
    header = next(table, None)
    if header is None:
        raise ImportFileError(_("The file is empty."))
    heading_to_field = {h.lower(): f for f, headings in columns.items() for h in [f, *headings]}
    headings = [str(h or "").strip().lower() for h in header]
    fields = [heading_to_field.get(h) for h in headings]
    if not any(fields):
        expected = ", ".join(headings[0] for headings in columns.values() if headings)
        raise ImportFileError(
            _("No column has a heading we know. The first row should name the columns: %(x)s.")
            % {"x": expected}
        )
    rows = []
    for cells in table:
        values = {
            field: "" if cell is None else str(cell).strip()
            for field, cell in zip(fields, cells, strict=False)
            if field
        }
        if any(values.values()):
            rows.append(values)
        if len(rows) > MAX_ROWS:
            raise _too_long()
    if not rows:
        raise ImportFileError(_("The file has headings but no rows under them."))
    return rows


def _too_long() -> ImportFileError:
    return ImportFileError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})


def _csv(content: bytes) -> Iterator[list[str]]:
    if b"\x00" in content:  # no text file has NUL bytes: a binary file, or UTF-16
        raise _not_text()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # Excel's "CSV" on Windows
        except UnicodeDecodeError as exc:
            raise _not_text() from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:  # too little to go by: the separator the heading has most of
        dialect = csv.excel
        delimiter = max(";,\t", key=text.lstrip().split("\n", 1)[0].count)
    return _csv_rows(csv.reader(io.StringIO(text), dialect, delimiter=delimiter))


def _csv_rows(reader) -> Iterator[list[str]]:
    try:
        for row in reader:
            if any(row):
                yield row
    except csv.Error as exc:  # e.g. a cell longer than the reader takes
        raise ImportFileError(_("The file could not be read as CSV.")) from exc


def _not_text() -> ImportFileError:
    return ImportFileError(
        _(
            "The file is not text we can read (a CSV file in UTF-8). In Excel, choose Save "
            "As and the type “CSV UTF-8 (Comma delimited)”, or upload the XLSX file itself."
        )
    )


def _xlsx(content: bytes) -> Iterator[list]:
    """The first sheet's rows, read as they are asked for: reading stops at the limit,
    whatever the sheet claims (its dimension, a row numbered a million, the size its
    parts unpack to)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _too_long()
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl finds wrong, say it plainly
        raise ImportFileError(_("The file could not be read as XLSX.")) from exc
    return _sheet_rows(workbook, sheet)


def _sheet_rows(workbook, sheet) -> Iterator[list]:
    # The reader fills in rows missing between two rows it finds, and pads each row to
    # the width the sheet claims: both bounded here.
    rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    try:
        for number, row in enumerate(rows, 1):
            if number > MAX_SHEET_ROWS:
                raise _too_long()
            yield list(row)
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken cell met on the way
        raise ImportFileError(_("The file could not be read as XLSX.")) from exc
    finally:
        workbook.close()


def check_rows(rows: list[dict], form_for: Callable[[dict], forms.Form]) -> list[Row]:
    """Every row through its form; the preview shows each row with its errors."""
    checked = [Row(number, values, form_for(values)) for number, values in enumerate(rows, 2)]
    for row in checked:
        row.form.is_valid()
    return checked


def sign_file(name: str, content: bytes) -> str:
    payload = {"name": name, "content": base64.b64encode(content).decode()}
    return signing.dumps(payload, salt="arshjul.imports", compress=True)


def unsign_file(value: str) -> tuple[str, bytes]:
    """The file carried from the preview; an altered one raises ImportFileError."""
    try:
        payload = signing.loads(value, salt="arshjul.imports", max_age=3600)
    except signing.BadSignature as exc:
        raise ImportFileError(_("The file from the preview has expired; upload it again.")) from exc
    return payload["name"], base64.b64decode(payload["content"])


class UploadForm(forms.Form):
    """The first step of an import: the file, and whatever the import needs to know (a
    meeting, an indicator…) in the subclass's other fields. On the confirming step the file
    comes signed from the preview, and the other fields are posted again as they were."""

    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def __init__(self, *args, confirming: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if confirming:
            self.fields["file"].required = False

    def carried(self) -> list[tuple[str, str]]:
        """The fields other than the file, as posted: carried to the confirming step."""
        return [(name, self.data.get(name, "")) for name in self.fields if name not in {"file"}]


@dataclass
class Import:
    """An admin's import, in the one way the project imports (see :func:`import_view`)."""

    title: str
    intro: str  # what the file holds, for staff
    upload_form: type[UploadForm]
    # check(form, name, content) -> the rows, each checked by its form
    check: Callable[[UploadForm, str, bytes], list[Row]]
    # save(form, rows) -> the message to staff; runs in one transaction
    save: Callable[[UploadForm, list[Row]], str]
    # done_url(form) -> where to go after importing
    done_url: Callable[[UploadForm], str]
    submit_label: Callable[[int], str]


def import_view(model_admin, request, spec: Import):
    """Upload → preview of every row with its errors → import all rows, or none."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.db import transaction
    from django.shortcuts import redirect
    from django.template.response import TemplateResponse

    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    confirming = "signed" in request.POST
    form = spec.upload_form(request.POST or None, request.FILES or None, confirming=confirming)
    rows, signed, problem = None, "", ""
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ImportFileError("")
            if confirming:
                name, content = unsign_file(request.POST["signed"])
            else:
                upload = form.cleaned_data["file"]
                if upload.size > MAX_BYTES:  # refused before it is read into memory
                    raise ImportFileError(_("The file is larger than 2 MB."))
                name, content = upload.name, upload.read()
            rows = spec.check(form, name, content)
            signed = sign_file(name, content)
            if confirming and not any(row.errors for row in rows):
                with transaction.atomic():
                    message = spec.save(form, rows)
                model_admin.message_user(request, message, messages.SUCCESS)
                return redirect(spec.done_url(form))
        except ImportFileError as error:
            problem = str(error)
            if problem:  # beside the file, where it is chosen again (and in the summary)
                form.add_error("file", problem)
    columns = []
    if rows:
        columns = [(name, field.label) for name, field in rows[0].form.fields.items()]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": spec.title,
        "intro": spec.intro,
        "form": form,
        "rows": rows,
        "columns": columns,
        "has_errors": rows is not None and any(row.errors for row in rows),
        "signed": signed,
        "carried": form.carried(),
        "submit_label": spec.submit_label(len(rows or [])),
        "problem": problem,
        "again_url": request.path,
    }
    return TemplateResponse(request, "admin/import.html", context)
