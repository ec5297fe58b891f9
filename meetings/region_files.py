"""This app's file of a region (see :mod:`arshjul.region`): ``moten`` — År, Typ, Titel,
Datum, Start, Slut, Plats, Adress, Deltagande, Platser, Sista anmälningsdag, Workshopgrupper,
Publicerat. A row for a meeting already there (the same cycle and title) updates it."""

import datetime

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arshjul import deadlines
from arshjul.models import Cycle
from arshjul.region import (
    RegionFile,
    RowForm,
    choice_from,
    instances_saved,
    model_checked,
    rows_checked,
    yes_no,
)

from .models import Meeting
from .services import meeting_save


class MeetingRow(RowForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    kind = forms.CharField(label=gettext_lazy("Kind"), max_length=40)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    date = forms.DateField(label=gettext_lazy("Date"))
    starts_at = forms.TimeField(label=gettext_lazy("Starts"), required=False)
    ends_at = forms.TimeField(label=gettext_lazy("Ends"), required=False)
    venue_name = forms.CharField(label=gettext_lazy("Venue"), max_length=200, required=False)
    venue_address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    participation = forms.CharField(
        label=gettext_lazy("Taking part"), max_length=80, required=False
    )
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, required=False)
    registration_closes = forms.DateField(
        label=gettext_lazy("Last day to register"), required=False
    )
    has_workshop_groups = forms.CharField(
        label=gettext_lazy("Workshop groups"), max_length=5, required=False
    )
    published = forms.CharField(label=gettext_lazy("Published"), max_length=5, required=False)

    COLUMNS = {
        "year": ["år", "ar", "year"],
        "kind": ["typ", "kind", "type"],
        "title": ["titel", "title"],
        "date": ["datum", "date"],
        "starts_at": ["start", "börjar", "starts"],
        "ends_at": ["slut", "slutar", "ends"],
        "venue_name": ["plats", "lokal", "venue"],
        "venue_address": ["adress", "address"],
        "participation": ["deltagande", "hur man deltar", "taking part"],
        "capacity": ["platser", "antal platser", "places"],
        "registration_closes": ["sista anmälningsdag", "sista dag", "last day to register"],
        "has_workshop_groups": ["workshopgrupper", "workshop groups"],
        "published": ["publicerat", "published"],
    }

    def clean_kind(self):
        return choice_from(self.cleaned_data["kind"], Meeting.Kind.choices)

    def clean_participation(self):
        value = self.cleaned_data["participation"]
        if not value:
            return Meeting.Participation.UNDECIDED
        # The short words a spreadsheet uses, besides the labels and codes.
        short = {
            "samordnare": Meeting.Participation.COORDINATORS,
            "inbjudan": Meeting.Participation.INVITATION,
            "öppen": Meeting.Participation.OPEN,
            "ej bestämt": Meeting.Participation.UNDECIDED,
        }
        return short.get(value.strip().casefold()) or choice_from(
            value, Meeting.Participation.choices
        )

    def clean_has_workshop_groups(self):
        return yes_no(self.cleaned_data["has_workshop_groups"])

    def clean_published(self):
        return yes_no(self.cleaned_data["published"])

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(
            (data["year"], data["title"].casefold()), _("An earlier row is the same meeting.")
        )
        cycle = Cycle.objects.filter(year=data["year"]).first()
        if cycle is None:
            self.add_error("year", _("No cycle for %(year)s (list it in arshjul).") % data)
            return data
        meeting = Meeting.objects.filter(cycle=cycle, title=data["title"]).first()
        meeting = meeting or Meeting(cycle=cycle, title=data["title"], slug=slugify(data["title"]))
        for name in [
            "kind",
            "date",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "participation",
            "capacity",
            "has_workshop_groups",
            "published",
        ]:
            setattr(meeting, name, data[name])
        closes = data["registration_closes"]
        meeting.registration_closes_at = (
            deadlines.end_of_day(closes) if isinstance(closes, datetime.date) else None
        )
        model_checked(self, meeting)
        self.instance = meeting
        return data

    def save(self):
        meeting_save(meeting=self.instance)


MEETINGS_FILE = RegionFile(
    "moten",
    gettext_lazy("Meetings"),
    40,
    MeetingRow.COLUMNS,
    rows_checked(MeetingRow),
    instances_saved,
)
