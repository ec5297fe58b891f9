"""Validators shared by every app's models and forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@deconstructible
class SingleLineValidator:
    """A one-line text (a name, a title, a subject) has no line breaks or other control
    characters: they would break e-mail headers and calendar files, and no keyboard types
    them into a one-line field."""

    message = _("Write it on one line, without line breaks or control characters.")
    code = "single_line"

    def __call__(self, value):
        if value and _CONTROL.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, SingleLineValidator)


single_line = SingleLineValidator()


def normalise_email(email: str) -> str:
    """The one way an e-mail address is compared and stored: trimmed, lower case."""
    return (email or "").strip().lower()
