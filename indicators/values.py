"""Indicator values as they come in: a value to store (:class:`NewValue`) and the rows of a
file of values (the project's one way to import a spreadsheet), each checked by its form.
Storing them, all or nothing, is :func:`indicators.services.values_save`.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.lib import imports

from .models import Geography, Indicator, IndicatorValue


@dataclass(frozen=True)
class NewValue:
    """A value to store, from wherever it came."""

    indicator: Indicator
    year: int
    geography: Geography
    value: Decimal
    gender: str = IndicatorValue.Gender.TOTAL
    source_note: str = ""
    is_demo: bool = False


def parse_decimal(text: str) -> Decimal:
    """ "12,5", "12.5", "1 234,5" → Decimal; raises ValueError otherwise."""
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(cleaned) from exc
    if not number.is_finite():
        raise ValueError(cleaned)
    return number


class ValueRowForm(forms.Form):
    """One row of a file of values (admin import)."""

    indicator = forms.CharField(label=gettext_lazy("Indicator"), max_length=20)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900, max_value=2100)
    geography = forms.CharField(label=gettext_lazy("Geography"), max_length=10)
    gender = forms.CharField(label=gettext_lazy("Gender"), max_length=1, required=False)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=40)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=200, required=False)

    COLUMNS = {
        "indicator": ["indikator", "kod", "indicator", "kpi"],
        "year": ["år", "ar", "year", "period"],
        "geography": ["geografi", "kommunkod", "område", "kommun", "geography", "municipality"],
        "gender": ["kön", "kon", "gender"],
        "value": ["värde", "varde", "value"],
        "source": ["källa", "kalla", "source"],
    }

    def __init__(self, *args, indicators: dict, geographies: dict, seen: set, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.geographies, self.seen = indicators, geographies, seen

    def clean_indicator(self):
        code = self.cleaned_data["indicator"].strip()
        indicator = self.indicators.get(code.lower())
        if indicator is None:
            raise forms.ValidationError(_("No indicator has the code %(code)s.") % {"code": code})
        if indicator.source == Indicator.Source.SURVEY:
            raise forms.ValidationError(
                _("This indicator's values come from the leadership survey, not from a file.")
            )
        return indicator

    def clean_geography(self):
        code = self.cleaned_data["geography"].strip()
        geography = self.geographies.get(code.lower()) or self.geographies.get(code.zfill(4))
        if geography is None:
            raise forms.ValidationError(_("No geography has the code %(code)s.") % {"code": code})
        return geography

    def clean_gender(self):
        gender = (self.cleaned_data["gender"] or "T").strip().upper()
        if gender not in IndicatorValue.Gender.values:
            raise forms.ValidationError(_("Gender is T (all), K (women) or M (men)."))
        return gender

    def clean_value(self):
        try:
            return parse_decimal(self.cleaned_data["value"])
        except ValueError as exc:
            raise forms.ValidationError(_("The value is not a number.")) from exc

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        key = (data["indicator"].pk, data["year"], data["geography"].pk, data["gender"])
        if key in self.seen:
            raise forms.ValidationError(
                _("The same indicator, year, geography and gender is on an earlier row.")
            )
        self.seen.add(key)
        return data

    def new_value(self, *, source_note: str = "") -> NewValue:
        data = self.cleaned_data
        return NewValue(
            indicator=data["indicator"],
            year=data["year"],
            geography=data["geography"],
            gender=data["gender"],
            value=data["value"],
            source_note=data["source"] or source_note,
        )


def check_value_rows(rows: list[dict]) -> list[imports.Row]:
    """Every row of a file of values through its form (three queries)."""
    indicators = {i.code.lower(): i for i in Indicator.objects.all()}
    geographies = {g.code.lower(): g for g in Geography.objects.all()}
    seen = set()
    return imports.check_rows(
        rows,
        lambda values: ValueRowForm(
            values, indicators=indicators, geographies=geographies, seen=seen
        ),
    )
