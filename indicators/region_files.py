"""This app's files of a region (see :mod:`arshjul.region`):

- ``geografier``: Kod, Namn, Nivå (Län or Kommun) — the places values are given for;
- ``insatsomraden``: Namn, Beskrivning — the strategy's areas of effort, in order;
- ``mal``: Nummer, Mål, Insatsområde — its long-term goals;
- ``indikatorer``: Kod, Namn, Insatsområde, Mål (its number), Enhet, Källa, Kolada-KPI,
  Riktning (Upp/Ned), Geografi (Län, or Län och kommuner), Decimaler, Beskrivning;
- ``varden`` (optional): the values, as the admin's import of values reads them.

A row naming something that exists (by code, name or number) updates it.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul.region import (
    RegionFile,
    RowForm,
    choice_from,
    instances_saved,
    model_checked,
    rows_checked,
)

from .models import Area, Geography, Goal, Indicator
from .services import values_save
from .values import ValueRowForm, check_value_rows


class GeographyRow(RowForm):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=10)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    level = forms.CharField(label=gettext_lazy("Level"), max_length=40)

    COLUMNS = {
        "code": ["kod", "kommunkod", "code"],
        "name": ["namn", "name"],
        "level": ["nivå", "niva", "level"],
    }

    def clean_level(self):
        value = self.cleaned_data["level"]
        short = {"län": Geography.Level.COUNTY, "region": Geography.Level.COUNTY}
        return short.get(value.strip().casefold()) or choice_from(value, Geography.Level.choices)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        code = data["code"].zfill(4) if data["code"].isdigit() else data["code"]
        self.once(code, _("An earlier row has the same code."))
        place = Geography.objects.filter(code=code).first() or Geography(code=code)
        place.name, place.level = data["name"], data["level"]
        model_checked(self, place, exclude=["code"] if place.pk else [])
        self.instance = place
        return data


class AreaRow(RowForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=5000, required=False
    )

    COLUMNS = {"name": ["namn", "insatsområde", "name"], "description": ["beskrivning"]}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(data["name"].casefold(), _("An earlier row has the same name."))
        area = Area.objects.filter(name__iexact=data["name"]).first() or Area(name=data["name"])
        area.description = data["description"]
        area.position = len(self.seen)
        model_checked(self, area, exclude=["name"] if area.pk else [])
        self.instance = area
        return data


def _area(name: str) -> Area:
    area = Area.objects.filter(name__iexact=name.strip()).first()
    if area is None:
        raise forms.ValidationError(
            _("No area of effort is named %(name)s (list it in insatsomraden).") % {"name": name}
        )
    return area


class GoalRow(RowForm):
    number = forms.IntegerField(label=gettext_lazy("Goal number"), min_value=1, max_value=999)
    text = forms.CharField(label=gettext_lazy("Goal"), max_length=300)
    area = forms.CharField(label=gettext_lazy("Area of effort"), max_length=200)

    COLUMNS = {
        "number": ["nummer", "nr", "number"],
        "text": ["mål", "mal", "goal"],
        "area": ["insatsområde", "insatsomrade", "area"],
    }

    def clean_area(self):
        return _area(self.cleaned_data["area"])

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(data["number"], _("An earlier row has the same number."))
        goal = Goal.objects.filter(number=data["number"]).first() or Goal(number=data["number"])
        goal.text, goal.area = data["text"], data["area"]
        model_checked(self, goal, exclude=["number"] if goal.pk else [])
        self.instance = goal
        return data


class IndicatorRow(RowForm):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=20)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    area = forms.CharField(label=gettext_lazy("Area of effort"), max_length=200)
    goal = forms.IntegerField(label=gettext_lazy("Goal"), required=False)
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=40)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=60)
    kolada_kpi = forms.CharField(label=gettext_lazy("Kolada KPI"), max_length=20, required=False)
    direction = forms.CharField(label=gettext_lazy("Direction"), max_length=20, required=False)
    levels = forms.CharField(label=gettext_lazy("Geography"), max_length=60, required=False)
    decimals = forms.IntegerField(
        label=gettext_lazy("Decimals"), min_value=0, max_value=3, required=False
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), max_length=5000, required=False
    )

    COLUMNS = {
        "code": ["kod", "code"],
        "name": ["namn", "name"],
        "area": ["insatsområde", "insatsomrade", "area"],
        "goal": ["mål", "mal", "goal"],
        "unit": ["enhet", "unit"],
        "source": ["källa", "kalla", "source"],
        "kolada_kpi": ["kolada-kpi", "kolada kpi", "kpi"],
        "direction": ["riktning", "direction"],
        "levels": ["geografi", "geography"],
        "decimals": ["decimaler", "decimals"],
        "description": ["beskrivning", "description"],
    }

    def clean_area(self):
        return _area(self.cleaned_data["area"])

    def clean_goal(self):
        number = self.cleaned_data["goal"]
        if number is None:
            return None
        goal = Goal.objects.filter(number=number).first()
        if goal is None:
            raise forms.ValidationError(
                _("No goal has the number %(number)s (list it in mal).") % {"number": number}
            )
        return goal

    def clean_source(self):
        return choice_from(self.cleaned_data["source"], Indicator.Source.choices)

    def clean_direction(self):
        value = self.cleaned_data["direction"] or "up"
        short = {"upp": Indicator.Direction.UP, "ned": Indicator.Direction.DOWN}
        return short.get(value.strip().casefold()) or choice_from(
            value, Indicator.Direction.choices
        )

    def clean_levels(self):
        value = self.cleaned_data["levels"] or "county"
        short = {
            "län": Indicator.Levels.COUNTY,
            "län och kommuner": Indicator.Levels.MUNICIPALITIES,
        }
        return short.get(value.strip().casefold()) or choice_from(value, Indicator.Levels.choices)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(data["code"].casefold(), _("An earlier row has the same code."))
        indicator = Indicator.objects.filter(code__iexact=data["code"]).first()
        indicator = indicator or Indicator(code=data["code"])
        for name in ["name", "area", "goal", "unit", "source", "kolada_kpi", "direction"]:
            setattr(indicator, name, data[name])
        indicator.levels = data["levels"]
        indicator.decimals = 1 if data["decimals"] is None else data["decimals"]
        indicator.description = data["description"]
        indicator.position = len(self.seen)
        model_checked(self, indicator, exclude=["code"] if indicator.pk else [])
        self.instance = indicator
        return data


def _values_saved(rows) -> int:
    return values_save(values=[row.form.new_value() for row in rows])


REGION_FILES = [
    RegionFile(
        "geografier",
        gettext_lazy("Geographies"),
        50,
        GeographyRow.COLUMNS,
        rows_checked(GeographyRow),
        instances_saved,
    ),
    RegionFile(
        "insatsomraden",
        gettext_lazy("Areas of effort"),
        60,
        AreaRow.COLUMNS,
        rows_checked(AreaRow),
        instances_saved,
    ),
    RegionFile(
        "mal",
        gettext_lazy("Long-term goals"),
        70,
        GoalRow.COLUMNS,
        rows_checked(GoalRow),
        instances_saved,
    ),
    RegionFile(
        "indikatorer",
        gettext_lazy("Indicators"),
        80,
        IndicatorRow.COLUMNS,
        rows_checked(IndicatorRow),
        instances_saved,
    ),
    RegionFile(
        "varden",
        gettext_lazy("Values of the indicators"),
        90,
        ValueRowForm.COLUMNS,
        check_value_rows,
        _values_saved,
        required=False,
    ),
]
