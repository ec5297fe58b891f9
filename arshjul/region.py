"""A region's set-up from files: another region runs the product from data alone.

A region is a folder of spreadsheets (CSV or XLSX), one per kind of row — the organisations,
the organiser's identity and strategy, the first cycle, its meetings, the indicators' places,
areas, goals, indicators and values. Apps contribute their kinds through :data:`files`
(registered in ``AppConfig.ready()``); :func:`region_load` reads the folder in their order,
checks every row as the admin's imports do (:mod:`arshjul.lib.imports`) and saves all of it,
or — at the first file with an error — nothing. ``manage.py load_region <folder>`` runs it;
in the admin, each file can be imported on its own ("Identitet" → "Läs in regionens filer").

``examples/`` holds a fictional region's files.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import CycleError
from .lib import imports
from .lib.registry import Registry


@dataclass(frozen=True)
class RegionFile:
    """One kind of file of a region: ``name`` is the file's name without its extension."""

    name: str
    label: str
    order: int  # the files are read in this order (what a row names must exist before)
    columns: dict[str, list[str]]
    check: Callable[[list[dict]], list[imports.Row]]
    save: Callable[[list[imports.Row]], int]
    required: bool = True


files = Registry("file of a region's set-up")


def region_files() -> list[RegionFile]:
    return sorted(files, key=lambda f: f.order)


class RegionError(CycleError):
    """A file is missing, unreadable, or has rows with errors: nothing was saved."""

    def __init__(self, filename: str, problems: list[str]):
        super().__init__([f"{filename}: {problem}" for problem in problems])
        self.filename, self.problems = filename, problems


@dataclass
class Loaded:
    counts: list[tuple[str, int]] = field(default_factory=list)


def _find(folder: Path, name: str) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        if (path := folder / f"{name}{suffix}").is_file():
            return path
    return None


@transaction.atomic
def region_load(folder: Path) -> Loaded:
    """Load every file of the region in ``folder``; all of it, or nothing (raises
    :class:`RegionError` with the rows' errors, by row number)."""
    loaded = Loaded()
    for kind in region_files():
        path = _find(folder, kind.name)
        if path is None:
            if kind.required:
                raise RegionError(f"{kind.name}.csv", [_("The file is missing.")])
            continue
        try:
            rows = kind.check(imports.read_rows(path.name, path.read_bytes(), columns=kind.columns))
        except imports.ImportFileError as error:
            raise RegionError(path.name, [str(error)]) from error
        problems = [
            _("row %(number)d: %(errors)s")
            % {"number": row.number, "errors": "; ".join(row.errors)}
            for row in rows
            if row.errors
        ]
        if problems:
            raise RegionError(path.name, problems)
        loaded.counts.append((path.name, kind.save(rows)))
    return loaded


# --- Helpers for the row forms -----------------------------------------------------------------


def choice_from(value: str, choices) -> str:
    """A choice's value from what a spreadsheet says: the value itself, or its label in
    Swedish or English, in any case ("Kommun", "municipality"). Raises ValidationError."""
    wanted = value.strip().casefold()
    for code, label in choices:
        names = {str(code).casefold()}
        for language in ("sv", "en"):
            with translation.override(language):
                names.add(str(label).casefold())
        if wanted in names:
            return code
    with translation.override(translation.get_language()):
        allowed = ", ".join(str(label) for _code, label in choices)
    raise ValidationError(_("Choose one of: %(allowed)s.") % {"allowed": allowed})


def yes_no(value: str) -> bool:
    """ "ja"/"nej" (or yes/no, 1/0, x/empty)."""
    wanted = (value or "").strip().casefold()
    if wanted in {"ja", "yes", "1", "x", "true", "sant"}:
        return True
    if wanted in {"", "nej", "no", "0", "false", "falskt"}:
        return False
    raise ValidationError(_("Write ja or nej."))


def model_checked(form: forms.Form, instance, *, exclude=()) -> None:
    """The model's own validation (constraints included), its errors put on the form's
    fields of the same name (or on the row)."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)


class RowForm(forms.Form):
    """A row of a region's file: a form whose ``instance()`` is the row to save."""

    def __init__(self, *args, seen: set, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = seen

    instance = None  # the row to save, set by clean()

    def save(self) -> None:
        self.instance.save()

    def once(self, key, message) -> None:
        """Refuse a row whose key an earlier row of the file had."""
        if key in self.seen:
            raise ValidationError(message)
        self.seen.add(key)


def rows_checked(form_class) -> Callable[[list[dict]], list[imports.Row]]:
    def check(rows: list[dict]) -> list[imports.Row]:
        seen: set = set()
        return imports.check_rows(rows, lambda values: form_class(values, seen=seen))

    return check


def instances_saved(rows: list[imports.Row]) -> int:
    for row in rows:
        row.form.save()
    return len(rows)
