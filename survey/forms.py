"""The survey's forms: a group's answers, the submission, a coordinator's groups, and what
staff fill in (more time for one group)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import MAX_TEXT_ANSWER, Question

# The answer page's own fields: q<id> (an answer) and v<id> (the version it was showing).
ANSWER_FIELD = re.compile(r"^([qv])(\d+)$")
NAME_HELP = _("Shown to the others in your group as who saved last. You can leave it empty.")


class ResponseForm(forms.Form):
    """One field per question; nothing is required while the draft is saved (the submission
    checks what must be answered). ``versions`` (question id -> version) are what the page
    was showing, posted back in hidden fields."""

    saved_by = forms.CharField(
        label=_("Your name (optional)"), max_length=100, required=False, help_text=NAME_HELP
    )

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.versions = {q.pk: answers[q.pk].version if q.pk in answers else 0 for q in questions}
        for question in questions:
            answer = answers.get(question.pk)
            self.fields[f"q{question.pk}"] = self._field(question)
            self.initial.setdefault(f"q{question.pk}", answer.value if answer else "")
        if self.is_bound:
            self.versions.update(self._posted_versions())

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common = {"label": question.text, "help_text": question.help_text, "required": False}
        if question.kind == Question.Kind.TEXT:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=MAX_TEXT_ANSWER,
                strip=True,
                error_messages={
                    "max_length": _(
                        "Write at most %(limit_value)d characters (this has %(show_value)d)."
                    )
                },
                **common,
            )
        return forms.ChoiceField(
            choices=question.options(),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose one of the alternatives.")},
            **common,
        )

    def _posted_versions(self) -> dict[int, int]:
        versions = {}
        for key, value in self.data.items():
            match = ANSWER_FIELD.match(key)
            if match and match[1] == "v" and int(match[2]) in self.versions:
                # A version that is not a number counts as "saw no answer": at worst the
                # person is asked to choose, nothing is overwritten.
                versions[int(match[2])] = int(value) if value.isdigit() else 0
        return versions

    def clean(self):
        known = {str(q.pk) for q in self.questions}
        strangers = [
            key for key in self.data if (match := ANSWER_FIELD.match(key)) and match[2] not in known
        ]
        if strangers:
            raise ValidationError(
                _(
                    "The form held answers to questions that are not in this survey, so "
                    "nothing was saved. Your answers are still below: save them again."
                )
            )
        return self.cleaned_data

    def values(self) -> dict[int, str]:
        """The answers as posted, by question id ("" for none)."""
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") or "" for q in self.questions}

    def fields_of(self, questions) -> list:
        return [self[f"q{q.pk}"] for q in questions]


class SubmitForm(forms.Form):
    submitted_by = forms.CharField(
        label=_("Your name (optional)"),
        max_length=100,
        required=False,
        help_text=_("Shown on the receipt as who submitted for the group."),
    )


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the group"),
        max_length=120,
        help_text=_("E.g. “Ledningsgrupp” or “Styrelse”."),
    )
    contact_email = forms.EmailField(
        label=_("E-mail for the group's link"),
        max_length=254,
        help_text=_("E.g. the chair's or the secretary's address."),
    )


class MoreTimeForm(forms.Form):
    until = forms.SplitDateTimeField(
        label=_("More time until"),
        help_text=_("Date and time, Swedish time (e.g. 2026-01-09 and 23:59:59)."),
        widget=forms.SplitDateTimeWidget(
            date_attrs={"type": "date"}, time_attrs={"type": "time", "step": "1"}
        ),
    )
