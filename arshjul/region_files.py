"""The shared domain's files of a region (see :mod:`arshjul.region`):

- ``organisationer``: Namn, Kategori, Kommunkod, E-post — the regional leadership;
- ``region``: one row — Organisatör (one of the organisations), Strategi, Vision, Bakgrund,
  Färg, Kontaktperson, Kontakt-e-post, Telefon, Adress, Signatur, Svarsadress;
- ``arshjul``: År, Namn, Fokusutmaningar (separated by |), Inledning, Publicerat — the first
  cycle (or more).

A row naming something that exists (an organisation by name, a cycle by year) updates it.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .colours import accent_problem
from .lib.validators import normalise_email
from .models import Challenge, Cycle, CycleChallenge, Identity, Organisation, Strategy
from .region import (
    RegionFile,
    RowForm,
    choice_from,
    instances_saved,
    model_checked,
    rows_checked,
    yes_no,
)


def _text(label, *, required=True, max_length=200):
    return forms.CharField(label=label, required=required, max_length=max_length)


class OrganisationRow(RowForm):
    name = _text(gettext_lazy("Name"))
    category = _text(gettext_lazy("Category"), max_length=60)
    municipality_code = _text(gettext_lazy("Municipality code"), required=False, max_length=10)
    contact_email = forms.EmailField(label=gettext_lazy("E-mail"), required=False, max_length=254)

    COLUMNS = {
        "name": ["namn", "organisation"],
        "category": ["kategori", "category"],
        "municipality_code": ["kommunkod", "municipality code"],
        "contact_email": ["e-post", "epost", "e-mail", "email"],
    }

    def clean_category(self):
        return choice_from(self.cleaned_data["category"], Organisation.Category.choices)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(data["name"].casefold(), _("An earlier row has the same name."))
        organisation = Organisation.objects.filter(name__iexact=data["name"]).first()
        organisation = organisation or Organisation(name=data["name"])
        organisation.category = data["category"]
        organisation.municipality_code = data["municipality_code"]
        organisation.contact_email = normalise_email(data["contact_email"] or "")
        model_checked(self, organisation, exclude=["name"] if organisation.pk else [])
        self.instance = organisation
        return data


class RegionRow(RowForm):
    organiser = _text(gettext_lazy("Organiser"))
    strategy = _text(gettext_lazy("Strategy"))
    vision = _text(gettext_lazy("Vision"), required=False, max_length=300)
    background = _text(gettext_lazy("Background"), required=False, max_length=5000)
    accent_colour = _text(gettext_lazy("Colour"), required=False, max_length=7)
    contact_name = _text(gettext_lazy("Contact person"), required=False)
    contact_email = forms.EmailField(
        label=gettext_lazy("Contact e-mail"), required=False, max_length=254
    )
    contact_phone = _text(gettext_lazy("Phone"), required=False, max_length=40)
    address = _text(gettext_lazy("Address"), required=False, max_length=500)
    mail_signature = _text(gettext_lazy("E-mail signature"), required=False, max_length=1000)
    reply_to = forms.EmailField(label=gettext_lazy("Reply address"), required=False, max_length=254)

    COLUMNS = {
        "organiser": ["organisatör", "organisator", "organiser"],
        "strategy": ["strategi", "strategy"],
        "vision": ["vision"],
        "background": ["bakgrund", "background"],
        "accent_colour": ["färg", "farg", "colour", "color"],
        "contact_name": ["kontaktperson", "contact person"],
        "contact_email": ["kontakt-e-post", "kontaktadress", "contact e-mail"],
        "contact_phone": ["telefon", "phone"],
        "address": ["adress", "postadress", "address"],
        "mail_signature": ["signatur", "signature"],
        "reply_to": ["svarsadress", "reply address", "reply-to"],
    }

    def clean_organiser(self):
        name = self.cleaned_data["organiser"]
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            raise forms.ValidationError(
                _("No organisation is named %(name)s (list it in organisationer).") % {"name": name}
            )
        return organisation

    def clean_accent_colour(self):
        colour = self.cleaned_data["accent_colour"] or "#004b87"
        if problem := accent_problem(colour):
            raise forms.ValidationError(problem)
        return colour

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.once("region", _("The region's file has one row."))
        return data

    def save(self):
        data = self.cleaned_data
        identity = Identity.objects.order_by("pk").first() or Identity()
        identity.organiser_name = data["organiser"].name
        for name in Identity.FACE:
            setattr(identity, name, data[name])
        identity.full_clean()
        identity.save()
        strategy = Strategy.objects.filter(name=data["strategy"]).first() or Strategy(
            name=data["strategy"]
        )
        strategy.organiser = data["organiser"]
        strategy.vision, strategy.background = data["vision"], data["background"]
        strategy.full_clean()
        strategy.save()


class CycleRow(RowForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    name = _text(gettext_lazy("Name"))
    challenges = _text(gettext_lazy("Focus challenges"), required=False, max_length=2000)
    introduction = _text(gettext_lazy("Introduction"), required=False, max_length=5000)
    published = _text(gettext_lazy("Published"), required=False, max_length=5)

    COLUMNS = {
        "year": ["år", "ar", "year"],
        "name": ["namn", "name"],
        "challenges": ["fokusutmaningar", "focus challenges", "challenges"],
        "introduction": ["inledning", "introduction"],
        "published": ["publicerat", "published"],
    }

    def clean_published(self):
        return yes_no(self.cleaned_data["published"])

    def clean_challenges(self):
        names = [n.strip() for n in self.cleaned_data["challenges"].split("|")]
        return [n for n in names if n]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.once(data["year"], _("An earlier row is for the same year."))
        strategy = Strategy.objects.order_by("pk").last()
        if strategy is None:
            raise forms.ValidationError(_("Load the region's file (its strategy) first."))
        cycle = Cycle.objects.filter(year=data["year"]).first() or Cycle(year=data["year"])
        cycle.strategy, cycle.name = strategy, data["name"]
        cycle.introduction = data["introduction"]
        cycle.status = Cycle.Status.PUBLISHED if data["published"] else Cycle.Status.DRAFT
        model_checked(self, cycle)
        self.instance = cycle
        return data

    def save(self):
        super().save()
        for position, name in enumerate(self.cleaned_data["challenges"]):
            challenge, _created = Challenge.objects.get_or_create(name=name)
            CycleChallenge.objects.update_or_create(
                cycle=self.instance, challenge=challenge, defaults={"position": position}
            )


REGION_FILES = [
    RegionFile(
        "organisationer",
        gettext_lazy("Organisations"),
        10,
        OrganisationRow.COLUMNS,
        rows_checked(OrganisationRow),
        instances_saved,
    ),
    RegionFile(
        "region",
        gettext_lazy("The organiser, its identity and its strategy"),
        20,
        RegionRow.COLUMNS,
        rows_checked(RegionRow),
        instances_saved,
    ),
    RegionFile(
        "arshjul",
        gettext_lazy("Cycles and their focus challenges"),
        30,
        CycleRow.COLUMNS,
        rows_checked(CycleRow),
        instances_saved,
    ),
]
