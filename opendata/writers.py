"""The bulk files' formats: a dataset's rows (tuples of Python values in the order of its
columns, :mod:`opendata.datasets`) written as

- plain CSV, for machines: UTF-8 without a BOM, commas, points for decimals, the columns'
  ``name``s, booleans ``true``/``false``, an empty field for nothing, quoted as RFC 4180 says;
- CSV for Excel in Sweden: UTF-8 with a BOM (or Excel guesses another encoding), semicolons
  (the list separator where the comma is the decimal sign), decimal commas without thousands
  separators (so Excel reads numbers, not text), the columns' translated ``heading``s,
  booleans "ja"/"nej" (Excel has no boolean it would read from a CSV in every language, and a
  person reads words), dates as ISO 8601 (which Swedish Excel reads as dates);
- XLSX: the rows as real numbers, booleans and dates with number formats, the header frozen
  and filterable, and a second sheet with the data dictionary; the licence in the workbook's
  properties too.

Each file is made whole in memory: at 48 indicators × 17 places × 10 years (~8,000 rows) that
is a few megabytes at most, and the answer is kept in the shared page cache, so it is made
once per change of the data. The rows themselves are read in chunks (``dataset.rows()``).
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib.exports import safe_cell

from .datasets import Dataset
from .imprint import Imprint

# The data dictionary's words for a column's kind (the page and the XLSX show them).
KIND_WORDS = {
    "string": gettext_lazy("text"),
    "integer": gettext_lazy("whole number"),
    "decimal": gettext_lazy("decimal number"),
    "boolean": gettext_lazy("true or false"),
    "date": gettext_lazy("date"),
    "datetime": gettext_lazy("date and time"),
}
NUMERIC = {"integer", "decimal"}
# Rows read before the widths of the XLSX's columns are chosen (the rest stream past).
WIDTH_SAMPLE = 500
WIDEST = 60
XLSX_CELL = 32_767  # the most characters Excel shows in a cell


def decimal_text(value) -> str:
    """A decimal with a point, as short as it is exact: 78.500 → "78.5", 100.000 → "100"."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def plain_cell(kind: str, value) -> str:
    """A value as the plain CSV writes it."""
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "decimal":
        return decimal_text(value)
    if kind == "datetime":
        return _local(value).isoformat(timespec="seconds")
    if kind == "date":
        return value.isoformat()
    return str(value)


def excel_cell(kind: str, value) -> str:
    """A value as Excel in Sweden reads it from a CSV file."""
    if value is None:
        return ""
    if kind == "boolean":
        return _("yes") if value else _("no")
    if kind == "decimal":
        return decimal_text(value).replace(".", ",")
    if kind == "datetime":
        return _local(value).strftime("%Y-%m-%d %H:%M:%S")
    text = plain_cell(kind, value)
    # Text that Excel would run as a formula is written as text, as staff's exports are.
    return safe_cell(text) if kind == "string" else text


def _csv(header: list[str], rows: Iterable[list[str]], *, delimiter: str, bom: bool) -> bytes:
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def plain_csv(dataset: Dataset, rows: Iterable[tuple]) -> bytes:
    kinds = [c.kind for c in dataset.columns]
    return _csv(
        [c.name for c in dataset.columns],
        ([plain_cell(k, v) for k, v in zip(kinds, row, strict=True)] for row in rows),
        delimiter=",",
        bom=False,
    )


def excel_csv(dataset: Dataset, rows: Iterable[tuple]) -> bytes:
    kinds = [c.kind for c in dataset.columns]
    return _csv(
        [str(c.heading) for c in dataset.columns],
        ([excel_cell(k, v) for k, v in zip(kinds, row, strict=True)] for row in rows),
        delimiter=";",
        bom=True,
    )


# --- XLSX -------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    "integer": "0",  # years and codes: no thousands separator
    "decimal": "#,##0.0##",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}


def xlsx_text(text: str) -> str:
    """Text as a cell can hold it: without the control characters XML forbids (pasted from
    a word processor), and at most the 32,767 characters Excel opens."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= XLSX_CELL else text[: XLSX_CELL - 1] + "…"


def sheet_title(text: str) -> str:
    """A title Excel accepts for a sheet: 31 characters at most, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Data"


def _xlsx_value(kind: str, value):
    if kind == "datetime" and value is not None:
        return _local(value).replace(tzinfo=None)  # Excel knows no time zones
    if kind == "decimal" and value is not None and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value


def _widths(dataset: Dataset, sample: list[tuple]) -> list[float]:
    widths = []
    for index, column in enumerate(dataset.columns):
        longest = max(
            [len(str(column.heading))]
            + [len(plain_cell(column.kind, row[index])) for row in sample]
        )
        widths.append(min(longest + 2, WIDEST))
    return widths


def xlsx(dataset: Dataset, rows: Iterable[tuple], imprint: Imprint) -> bytes:
    """The rows on one sheet, the data dictionary on a second ("Beskrivning")."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Write-only: the cells go to the file as they come, not kept as objects.
    workbook = Workbook(write_only=True)
    _properties(workbook, dataset, imprint)
    workbook.custom_doc_props.append(StringProperty(name="licence", value=imprint.licence_url))
    workbook.custom_doc_props.append(
        StringProperty(name="licence_name", value=imprint.licence_name)
    )
    workbook.custom_doc_props.append(StringProperty(name="publisher", value=imprint.publisher))

    sheet = workbook.create_sheet(sheet_title(str(dataset.title)))
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    for index, width in enumerate(_widths(dataset, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value, *, font=None, number_format=None, text=False):
        found = WriteOnlyCell(sheet, value=value)
        if text and isinstance(value, str) and value.startswith("="):
            found.data_type = "s"  # text, never a formula
        if font:
            found.font = font
        if number_format:
            found.number_format = number_format
        return found

    sheet.append([cell(str(c.heading), font=bold) for c in dataset.columns])
    kinds = [c.kind for c in dataset.columns]
    formats = [NUMBER_FORMATS.get(k) for k in kinds]

    def data_cell(kind, number_format, value):
        if value is None:
            return None
        if number_format:
            return cell(_xlsx_value(kind, value), number_format=number_format)
        if isinstance(value, str):
            value = xlsx_text(value)
            if value.startswith("="):
                return cell(value, text=True)
        return value  # text and booleans as they are

    count = 0
    for row in chain(sample, rows):
        sheet.append([data_cell(*found) for found in zip(kinds, formats, row, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(kinds))}{count + 1}"

    about = workbook.create_sheet(sheet_title(_("Description")))
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 28
    about.column_dimensions["C"].width = 18
    about.column_dimensions["D"].width = 80
    for line in dictionary_lines(dataset, imprint):
        about.append(
            [
                cell(text, font=bold if line.bold or (i == 0 and line.label) else None, text=True)
                for i, text in enumerate(line.cells)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _properties(workbook, dataset: Dataset, imprint: Imprint) -> None:
    props = workbook.properties
    props.title = str(dataset.title)
    props.subject = _("Open data")
    props.creator = imprint.publisher
    props.lastModifiedBy = imprint.publisher
    props.keywords = ", ".join(str(k) for k in dataset.keywords)
    props.description = _("%(description)s Licence: %(licence)s (%(url)s). Publisher: %(who)s.") % {
        "description": dataset.description,
        "licence": imprint.licence_name,
        "url": imprint.licence_url,
        "who": imprint.publisher,
    }
    props.identifier = imprint.page_url


@dataclass(frozen=True)
class Line:
    """A row of the data dictionary's sheet: ``label``, its first cell names the rest."""

    cells: tuple[str, ...] = ()
    bold: bool = False
    label: bool = False


def _label(name, value) -> Line:
    return Line((str(name), value), label=True)


def dictionary_lines(dataset: Dataset, imprint: Imprint) -> list[Line]:
    """The data dictionary as rows: what the dataset is, on what terms, and its columns."""
    lines = [
        _label(_("Dataset"), str(dataset.title)),
        _label(_("Description"), str(dataset.description)),
        _label(_("Licence"), f"{imprint.licence_name} ({imprint.licence_url})"),
        _label(_("Publisher"), imprint.publisher),
        _label(_("Source"), imprint.page_url),
        _label(_("Machine-readable description"), imprint.datapackage_url),
        Line(),
        Line((_("Column"), _("Heading"), _("Type"), _("Description")), bold=True),
    ]
    lines += [
        Line((c.name, str(c.heading), str(KIND_WORDS[c.kind]), str(c.description)))
        for c in dataset.columns
    ]
    if dataset.notes:
        lines += [Line(), Line((_("Notes"),), bold=True)]
        lines += [Line((str(note),)) for note in dataset.notes]
    return lines
