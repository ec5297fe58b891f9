"""A file's rows, narrowed by its columns: ``?indicator=N00914&geography_level=municipality``
keeps the rows whose column has that value (as the plain CSV writes it; a column named twice
keeps either value), and ``?year_from=2015&year_to=2025`` a range of a number's or a date's
column. The same for every dataset, since the columns are its data dictionary."""

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from .datasets import Dataset
from .writers import plain_cell

RANGED = {"integer", "decimal", "date"}


class FilterError(ValueError):
    """A parameter the file does not understand: ``details`` says which and why."""

    def __init__(self, details: dict[str, list[str]]):
        super().__init__(details)
        self.details = details


def _bound(kind: str, text: str):
    if kind == "date":
        found = parse_date(text)
        if found is None:
            raise ValueError
        return found
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError
    return number


def rows_filtered(dataset: Dataset, query) -> Callable[[Iterable[tuple]], Iterable[tuple]]:
    """A function that keeps the rows ``query`` (a QueryDict) asks for; FilterError for a
    parameter that names no column or a bound that is not a number or date."""
    index = {c.name: (i, c.kind) for i, c in enumerate(dataset.columns)}
    equal, lower, upper, errors = {}, {}, {}, {}
    for name in query:
        values = query.getlist(name)
        base, _sep, end = name.rpartition("_")
        if name in index:
            equal[index[name][0]] = (index[name][1], set(values))
        elif end in {"from", "to"} and base in index and index[base][1] in RANGED:
            position, kind = index[base]
            try:
                bound = _bound(kind, values[-1])
            except (ValueError, InvalidOperation):
                errors[name] = [_("Not a number or a date (YYYY-MM-DD).")]
                continue
            (lower if end == "from" else upper)[position] = bound
        else:
            errors[name] = [_("The file has no such column; its columns are in the datapackage.")]
    if errors:
        raise FilterError(errors)

    def keep(row) -> bool:
        for position, (kind, wanted) in equal.items():
            if plain_cell(kind, row[position]) not in wanted:
                return False
        for position, bound in lower.items():
            if row[position] is None or _comparable(row[position]) < bound:
                return False
        for position, bound in upper.items():
            if row[position] is None or _comparable(row[position]) > bound:
                return False
        return True

    def narrowed(rows: Iterable[tuple]) -> Iterable[tuple]:
        return rows if not (equal or lower or upper) else filter(keep, rows)

    return narrowed


def _comparable(value):
    return Decimal(str(value)) if isinstance(value, float) else value
