"""The printouts of a meeting, made as PDF jobs (never in a request): the participant list by
organisation, name badges (A4, eight a page), the workshop groups' lists per focus challenge
and the sign-in sheet for the day. None of them shows a participant's needs."""

from itertools import groupby

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib.collation import surname_key, swedish_key
from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind
from arshjul.models import Organisation, category_order
from meetings.models import Meeting

from .models import Participant

BADGES_PER_PAGE = 8


class MeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.select_related("cycle").order_by("-date"),
        empty_label=None,
    )

    def to_parameters(self) -> dict:
        return {"meeting_id": self.cleaned_data["meeting"].pk}


def participants_by_organisation(meeting, *, status=Participant.Status.CONFIRMED):
    """The meeting's participants with a status, by organisation (in the categories' order,
    then by name; those registered without an organisation last), then by surname — in
    Swedish alphabetical order (arshjul.lib.collation), Å, Ä and Ö last."""
    people = Participant.objects.filter(meeting=meeting, status=status).select_related(
        "organisation", "workshop_group"
    )
    return sorted(people, key=lambda p: (*_organisation_key(p), surname_key(p.name), p.pk))


def _organisation_key(person) -> tuple:
    if person.organisation_id is None:
        return (len(Organisation.Category.values), swedish_key(person.organisation_name))
    organisation = person.organisation
    return (category_order(organisation.category), swedish_key(organisation.name))


def person_key(person) -> tuple:
    """A participant's place in a list of names: by surname in Swedish order."""
    return (surname_key(person.name), person.pk)


def _grouped(participants, key):
    return [(name, list(people)) for name, people in groupby(participants, key=key)]


def _meeting(job):
    return Meeting.objects.select_related("cycle").get(pk=job.parameters["meeting_id"])


def _render(template, meeting, prefix, context, progress):
    progress(30)
    pdf = render_pdf(template, {"meeting": meeting, "now": timezone.now(), **context})
    progress(95)
    return f"{prefix}-{slugify(meeting.title)}-{meeting.date:%Y-%m-%d}.pdf", pdf


def participant_list_context(meeting) -> dict:
    confirmed = participants_by_organisation(meeting)
    # In line, as their places are numbered.
    waiting = list(
        Participant.objects.filter(meeting=meeting, status=Participant.Status.WAITING)
        .select_related("organisation")
        .order_by("queued_at", "pk")
    )
    return {
        "organisations": _grouped(confirmed, lambda p: p.organisation_display),
        "confirmed": confirmed,
        "waiting": waiting,
    }


def meeting_words(parameters: dict) -> str:
    """A job about a meeting, in words: "Arbetsmöte, 13 januari 2027"."""
    meeting = Meeting.objects.get(pk=parameters["meeting_id"])
    return f"{meeting.title}, {date_format(meeting.date, 'j F Y')}"


@pdf_kind(
    "participant_list", _("Participant list of a meeting"), form=MeetingForm, about=meeting_words
)
def participant_list(job, progress):
    meeting = _meeting(job)
    context = participant_list_context(meeting)
    return _render("pdf/participant_list.html", meeting, "deltagare", context, progress)


def name_badges_context(meeting) -> dict:
    people = participants_by_organisation(meeting)
    sheets = [
        _rows(people[start : start + BADGES_PER_PAGE])
        for start in range(0, len(people), BADGES_PER_PAGE)
    ]
    return {"sheets": sheets, "count": len(people)}


@pdf_kind("name_badges", _("Name badges for a meeting"), form=MeetingForm, about=meeting_words)
def name_badges(job, progress):
    meeting = _meeting(job)
    context = name_badges_context(meeting)
    return _render("pdf/name_badges.html", meeting, "namnbrickor", context, progress)


def _rows(badges):
    """A sheet's badges in rows of two (the last one padded)."""
    padded = badges + [None] * (len(badges) % 2)
    return [padded[i : i + 2] for i in range(0, len(padded), 2)]


@pdf_kind(
    "workshop_groups", _("Workshop groups of a meeting"), form=MeetingForm, about=meeting_words
)
def workshop_groups(job, progress):
    """One page per focus challenge: who is in its workshop group."""
    meeting = _meeting(job)
    people = sorted(
        participants_by_organisation(meeting),
        key=lambda p: (
            p.workshop_group is None,
            swedish_key(getattr(p.workshop_group, "name", "")),
            *person_key(p),
        ),
    )
    groups = _grouped(
        people,
        lambda p: p.workshop_group.name if p.workshop_group else gettext("No group chosen"),
    )
    return _render(
        "pdf/workshop_groups.html", meeting, "workshopgrupper", {"groups": groups}, progress
    )


@pdf_kind("sign_in_sheet", _("Sign-in sheet for a meeting"), form=MeetingForm, about=meeting_words)
def sign_in_sheet(job, progress):
    meeting = _meeting(job)
    people = sorted(participants_by_organisation(meeting), key=person_key)
    return _render("pdf/sign_in_sheet.html", meeting, "narvarolista", {"people": people}, progress)
