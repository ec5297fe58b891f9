"""The workshop notes' pages: a group's notes through a scribe's personal link (no
account), and the public lessons from the work meeting — what staff chose to share."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from arshjul import selectors as cycle_selectors
from arshjul.lib import drafts, tokens
from arshjul.lib.forms import add_domain_error, error_words
from arshjul.lib.page_cache import public_page

from . import rules, selectors, services
from .forms import (
    EntryFormSet,
    ReflectionsForm,
    entry_formset,
    formset_with_row,
    with_one_more_row,
)
from .models import NoteEntry


def _get_scribe(request):
    token = tokens.token_from(request)
    scribe = selectors.scribe_for_token(token)
    if scribe is None:
        raise Http404
    return scribe, token


@never_cache
@require_http_methods(["GET", "POST"])
def notes(request):
    """A group's notes: what the room added and its reflections, saved as the scribe writes.
    Only what this scribe changed is saved (arshjul.lib.drafts); after the notes close the
    page reads only, and says whom to write to."""
    scribe, token = _get_scribe(request)
    page = _NotesPage(request, scribe, token)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and page.refusal:
        pass  # refused: the page says why, nothing changes
    elif action == "more":
        page.formset = with_one_more_row(request.POST, organisations=page.choices)
    elif request.POST.get("use_unsaved") in page.unsaved:
        page.put_back(request.POST["use_unsaved"])
    elif action == "save" and page.is_valid():
        saved = page.save()
        if saved is not None:
            return saved
    return tokens.personal_page(render(request, "workshops/notes.html", page.context()))


class _NotesPage:
    """What the scribe's page shows and how a save changes it (the view above says when)."""

    def __init__(self, request, scribe, token):
        self.request, self.scribe, self.token = request, scribe, token
        self.notes = scribe.notes
        self.entries = selectors.entries_of(self.notes)
        self.current = selectors.reflections_of(self.notes)
        named = {o.pk for entry in self.entries for o in entry.organisations.all()}
        self.choices = selectors.organisation_choices(self.notes.meeting.cycle, named=named)
        data = request.POST if request.method == "POST" else None
        self.reflections = ReflectionsForm(data, current=self.current, prefix="r")
        self.formset = (
            EntryFormSet(data, organisations=self.choices)
            if data
            else entry_formset(self.entries, organisations=self.choices)
        )
        self.refusal = rules.refusal(self.notes)
        self.scope = f"workshop:{self.notes.pk}"
        self.unsaved = {} if data and "use_unsaved" not in data else self._offered()

    def _offered(self) -> dict:
        return drafts.unsaved_offered(self.request.session, self.scope)

    def is_valid(self) -> bool:
        return all([self.reflections.is_valid(), self.formset.is_valid()])

    def save(self):
        """Save; a redirect when all is saved, None when the page shows what stopped it."""
        try:
            result = services.notes_save(
                notes=self.notes,
                reflections=self.reflections.texts(),
                seen=self.reflections.seen(),
                entries=[f.row_input() for f in self.formset.forms if not f.is_blank()],
                saved_by=self.scribe.name,
            )
        except services.NotesRefused as error:
            self.refusal = error_words(error)
            return None
        except services.NotesError as error:
            add_domain_error(self.reflections, error)
            return None
        session = self.request.session
        if drafts.saved_all(session, self.scope, result):
            messages.success(self.request, _("The notes are saved."))
            return redirect(tokens.token_path("workshops:notes", self.token) + "#saved")
        self._show(result)
        return None

    def _show(self, result) -> None:
        """After a save that met conflicts: everything as saved now, the conflicting texts and
        rows holding what this scribe wrote, with the other's words beside them."""
        self.notes.refresh_from_db(fields=["last_saved_at", "last_saved_by"])
        self.entries = selectors.entries_of(self.notes)
        reflection_conflicts = [c for c in result.conflicts if c.key in self.reflections.fields]
        self.reflections = self.reflections.showing(result.state, reflection_conflicts)
        problems = drafts.row_problems(result, NoteEntry.words)
        self.formset = entry_formset(self.entries, organisations=self.choices, problems=problems)

    def put_back(self, name: str) -> None:
        """Words this browser wrote and could not save, back where they were (not saved)."""
        words = self.unsaved[name]
        if name.startswith("entry-"):
            self.formset = formset_with_row(
                self.request.POST, int(name[6:]), words, organisations=self.choices
            )
        else:
            self.reflections = self.reflections.with_values({name: words})

    def _entry_row(self, form) -> tuple:
        """A row, its name for words kept for this browser, and those words."""
        key, kept = drafts.row_kept(
            self.unsaved, form["id"].value(), _row_values(form), NoteEntry.words
        )
        names = dict(self.choices)
        chosen = [names[i] for i in _row_values(form)["organisations"].split(",") if i in names]
        return form, key, kept, ", ".join(chosen)

    def context(self) -> dict:
        offered = drafts.still_unsaved(self.reflections, self.unsaved)
        return {
            "scribe": self.scribe,
            "notes": self.notes,
            "meeting": self.notes.meeting,
            "challenge": self.notes.challenge,
            "entries": self.entries,
            "reflections": self.reflections,
            "reflection_rows": [
                (self.reflections[kind], self.reflections.hidden_of(kind), offered.get(kind, ""))
                for kind in self.reflections.draft_names
            ],
            "saved_reflections": [
                (self.reflections[kind].label, self.current.get(kind))
                for kind in self.reflections.draft_names
            ],
            "formset": self.formset,
            "entry_rows": [self._entry_row(form) for form in self.formset.forms],
            "has_unsaved": bool(self.unsaved),
            "refusal": self.refusal,
            "refused_now": self.refusal if self.request.method == "POST" else "",
            "closing_words": rules.closing_words(self.notes),
            "token": self.token,
            "token_name": tokens.PARAMETER,
        }


def _row_values(form) -> dict:
    values = {name: form[name].value() or "" for name in ("kind", "name", "description")}
    values["organisations"] = ",".join(sorted(str(i) for i in form["organisations"].value() or []))
    return values


# --- The public lessons ------------------------------------------------------------------------

LESSONS_DEPEND_ON = [
    "arshjul.Cycle",
    "arshjul.Challenge",
    "arshjul.CycleChallenge",
    "meetings.Meeting",
    "workshops.Notes",
    "workshops.NoteEntry",
    "workshops.NoteReflection",
]


@require_safe
@public_page(depends_on=LESSONS_DEPEND_ON)
def lessons(request, year: int):
    """ "Lärdomar från arbetsmötet": per challenge, what staff chose to share of the groups'
    notes — the organisations' words, never a scribe's name."""
    cycle = cycle_selectors.cycle_get_published(year=year)
    if cycle is None:
        raise Http404
    context = {"cycle": cycle, "groups": selectors.shared_lessons(cycle)}
    return render(request, "workshops/lessons.html", context)
