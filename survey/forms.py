"""The survey's forms: a group's answers, the submission, a coordinator's groups, and what
staff fill in (more time for one group)."""

import re
from dataclasses import dataclass, replace

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arshjul.lib import drafts

from .models import MAX_TEXT_ANSWER, Question

# The answer page's own fields: q<id> (an answer) and its hidden companions q<id>-shown and
# q<id>-version (what the page showed: arshjul.lib.drafts).
ANSWER_FIELD = re.compile(r"^q(\d+)(?:-shown|-version)?$")
NAME_HELP = _("Shown to the others in your group as who saved last. You can leave it empty.")


@dataclass(frozen=True)
class QuestionRow:
    """One question as the page shows it: its field, the hidden fields saying what the page
    showed, and what this browser wrote earlier that was not saved (words, or "")."""

    field: object
    hidden: list
    unsaved: str = ""


def named_conflicts(result: drafts.Result) -> list[drafts.Conflict]:
    """A save's conflicts under the names of the page's fields (q<id>)."""
    return [replace(c, key=f"q{c.key}") for c in result.conflicts]


class ResponseForm(drafts.DraftFieldsMixin, forms.Form):
    """One field per question; nothing is required while the draft is saved (the submission
    checks what must be answered). Each answer carries what the page showed, so a save
    changes only what this person changed."""

    saved_by = forms.CharField(
        label=_("Your name (optional)"), max_length=100, required=False, help_text=NAME_HELP
    )

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions, self.answers = questions, answers
        self.made_with = {"questions": questions, "answers": answers}
        for question in questions:
            self.add_draft_field(
                f"q{question.pk}",
                self._field(question),
                answers[question.pk].as_saved if question.pk in answers else None,
            )

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

    def clean(self):
        known = {str(q.pk) for q in self.questions}
        strangers = [
            key for key in self.data if (match := ANSWER_FIELD.match(key)) and match[1] not in known
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
        return {int(name[1:]): edit.mine for name, edit in self.edits().items()}

    def seen(self) -> dict[int, drafts.Shown]:
        """What the page showed, by question id."""
        return {int(name[1:]): edit.shown for name, edit in self.edits().items()}

    def after_save(self, result: drafts.Result) -> "ResponseForm":
        """The form showing a save that met conflicts (see ``DraftFieldsMixin.showing``)."""
        return self.showing(
            {f"q{key}": saved for key, saved in result.state.items()},
            named_conflicts(result),
            words=self.words,
        )

    def words(self, name, value) -> str:
        """An answer as people read it (a choice's label)."""
        question = self.question_of(name)
        return question.value_label(value) if question else str(value)

    def question_of(self, name) -> Question | None:
        return next((q for q in self.questions if f"q{q.pk}" == str(name)), None)

    def rows_of(self, questions, unsaved: dict | None = None) -> list[QuestionRow]:
        unsaved = drafts.still_unsaved(self, unsaved or {})
        return [
            QuestionRow(
                self[f"q{q.pk}"],
                self.hidden_of(f"q{q.pk}"),
                q.value_label(unsaved[f"q{q.pk}"]) if f"q{q.pk}" in unsaved else "",
            )
            for q in questions
        ]


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
