"""One definition of what is typed about a participant: the fields, in the order forms show
them, shared by :class:`Person` (what services take), the coordinators' forms and the admin."""

from dataclasses import dataclass, fields

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from arshjul.lib.validators import normalise_email
from arshjul.models import Challenge

# What the participant needs, kept only with consent and erased after the meeting.
NEEDS_FIELDS = ["dietary_needs", "accessibility_needs", "comment"]

GROUP_MISSING = _("Choose a workshop group.")

CONSENT_MISSING = _(
    "Tick the box if the participant agrees that we store their needs and comment, or leave "
    "those fields empty."
)


def needs_help_text(*, own: bool = False):
    if own:
        text = _(
            "Only with your consent below. Seen only by the organisers who need it and erased "
            "{days} days after the meeting; the caterer gets numbers, not names."
        )
    else:
        text = _(
            "Only with the participant's consent below. Seen only by the organisers who need "
            "it and erased {days} days after the meeting; the caterer gets numbers, not names."
        )
    return format_lazy(text, days=settings.NEEDS_RETENTION_DAYS)


@dataclass
class Person:
    """What a coordinator (or staff) types about one participant."""

    name: str
    email: str
    role: str = ""
    workshop_group: Challenge | None = None
    accessibility_needs: str = ""
    dietary_needs: str = ""
    comment: str = ""
    needs_consent: bool = False

    def __post_init__(self):
        self.email = normalise_email(self.email)
        self.name = self.name.strip()

    @property
    def has_needs(self) -> bool:
        return any(getattr(self, field) for field in NEEDS_FIELDS)

    def fields(self) -> dict:
        """The typed values by model field name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_participant(cls, participant, **changes) -> "Person":
        values = {f.name: getattr(participant, f.name) for f in fields(cls)}
        return cls(**{**values, **changes})

    @classmethod
    def from_data(cls, data: dict, *, base=None) -> "Person":
        """From a form's cleaned data; fields the form did not show are taken from ``base``
        (a participant), so that hiding a field never erases it."""
        values = {name: data[name] for name in PERSON_FIELDS if name in data}
        return cls.from_participant(base, **values) if base is not None else cls(**values)


# The model fields a participant's form shows, in order.
PERSON_FIELDS = list(Person.__dataclass_fields__)

__all__ = ["CONSENT_MISSING", "GROUP_MISSING", "NEEDS_FIELDS", "PERSON_FIELDS", "Person"]
