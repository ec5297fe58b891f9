"""A coordinator's pages of the working material: the challenges and how far the
organisation has come, and the answer for one challenge (entries and reflections)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from arshjul.lib import drafts
from arshjul.lib.forms import add_domain_error, error_words
from registrations.views import coordinator_required

from . import rules, selectors, services
from .forms import (
    EntryFormSet,
    ReflectionsForm,
    entry_formset,
    formset_with_row,
    with_one_more_row,
)
from .models import Entry, Reflection


def _get_material(coordinator):
    material = selectors.material_for_cycle(coordinator.cycle_id)
    if material is None:
        raise Http404
    return material


@never_cache
@require_http_methods(["GET"])
@coordinator_required
def overview(request, coordinator):
    material = _get_material(coordinator)
    answers = selectors.answers_of_organisation(material, coordinator.organisation_id)
    rows = [(item, answers.get(item.challenge_id)) for item in selectors.challenges_of(material)]
    context = {
        "coordinator": coordinator,
        "material": material,
        "rows": rows,
        "deadline_words": rules.deadline_words(material),
        "refusal": rules.refusal(material),
    }
    return render(request, "working_material/overview.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@coordinator_required
def answer(request, coordinator, challenge_id):
    """One challenge's answer: entries and reflections, saved as a draft, marked done,
    reopened. Only what this coordinator changed is saved (arshjul.lib.drafts)."""
    material = _get_material(coordinator)
    page = _AnswerPage(request, coordinator, material, challenge_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "reopen" and page.answer.pk and (reopened := page.reopen()) is not None:
        return reopened
    if action == "more":
        page.formset = with_one_more_row(request.POST)  # everything typed stays, nothing saved
    elif request.POST.get("use_unsaved") in page.unsaved:
        page.put_back(request.POST["use_unsaved"])
    elif action in {"save", "done"} and not page.refusal and page.is_valid():
        saved = page.save(done=action == "done")
        if saved is not None:
            return saved
    return render(request, "working_material/answer.html", page.context())


class _AnswerPage:
    """What the answer page shows and how a save changes it (the view above says when)."""

    def __init__(self, request, coordinator, material, challenge_id):
        self.request, self.coordinator, self.material = request, coordinator, material
        self.item = selectors.guiding_questions(material, challenge_id)
        if self.item is None:
            raise Http404
        # Looking makes nothing: the answer is made by its first save.
        self.answer = selectors.answer_or_new(material, coordinator.organisation, self.item)
        self.entries = list(self.answer.entries.all()) if self.answer.pk else []
        self.current = {r.kind: r for r in self.answer.reflections.all()} if self.answer.pk else {}
        data = request.POST if request.method == "POST" else None
        self.reflections = ReflectionsForm(data, current=self.current, prefix="r")
        self.formset = EntryFormSet(data, prefix="e") if data else entry_formset(self.entries)
        self.refusal = rules.refusal(material)
        self.scope = f"material:{coordinator.organisation_id}:{self.item.challenge_id}"
        self.unsaved = {} if data and "use_unsaved" not in data else self._offered()

    def _offered(self) -> dict:
        return drafts.unsaved_offered(self.request.session, self.scope)

    def reopen(self):
        """Open an answer marked done again: a redirect, or None with the reason why not."""
        try:
            services.answer_reopen(answer=self.answer)
        except services.MaterialRefused as error:
            self.refusal = error_words(error)
            return None
        messages.success(self.request, _("The answer is open again for changes."))
        return redirect(self.request.path)

    def is_valid(self) -> bool:
        return all([self.reflections.is_valid(), self.formset.is_valid()])

    def save(self, *, done: bool):
        """Save; a redirect when all is saved, None when the page shows what stopped it."""
        found = services.answer_get_or_create(
            material=self.material,
            organisation=self.coordinator.organisation,
            challenge=self.item.challenge,
        )
        try:
            result = services.answer_save(
                answer=found,
                reflections=self.reflections.texts(),
                seen=self.reflections.seen(),
                entries=[f.row_input() for f in self.formset.forms if not f.is_blank()],
                saved_by=self.coordinator.name,
            )
        except services.MaterialRefused as error:
            self.refusal = error_words(error)
            return None
        except services.MaterialError as error:
            add_domain_error(self.reflections, error)
            return None
        session = self.request.session
        if drafts.saved_all(session, self.scope, result):
            if done:
                services.answer_mark_done(answer=found, by=self.coordinator.name)
                messages.success(self.request, _("Saved and marked done. Thank you!"))
                return redirect("working_material:overview")
            messages.success(self.request, _("Your answer is saved as a draft."))
            return redirect(self.request.path)
        self._show(found, result)
        return None

    def _show(self, found, result) -> None:
        """After a save that met conflicts: everything as saved now, the conflicting texts and
        rows holding what this coordinator wrote, with the other's words beside them."""
        self.answer, self.entries = found, list(found.entries.all())
        reflection_conflicts = [c for c in result.conflicts if c.key in self.reflections.fields]
        self.reflections = self.reflections.showing(result.state, reflection_conflicts)
        problems = drafts.row_problems(result, Entry.words)
        self.formset = entry_formset(self.entries, problems=problems)

    def put_back(self, name: str) -> None:
        """Words this browser wrote and could not save, back where they were (not saved)."""
        words = self.unsaved[name]
        if name.startswith("entry-"):
            self.formset = formset_with_row(self.request.POST, int(name[6:]), words)
        else:
            self.reflections = self.reflections.with_values({name: words})

    def _entry_row(self, form) -> tuple:
        """A row, its name for words kept for this browser, and those words."""
        key, kept = drafts.row_kept(
            self.unsaved, form["id"].value(), _row_values(form), Entry.words
        )
        return form, key, kept

    def context(self) -> dict:
        offered = drafts.still_unsaved(self.reflections, self.unsaved)
        return {
            "coordinator": self.coordinator,
            "material": self.material,
            "item": self.item,
            "answer": self.answer,
            "entries": self.entries,
            "reflections": self.reflections,
            "reflection_rows": [
                (self.reflections[kind], self.reflections.hidden_of(kind), offered.get(kind, ""))
                for kind in Reflection.Kind.values
            ],
            "formset": self.formset,
            "entry_rows": [self._entry_row(form) for form in self.formset.forms],
            "has_unsaved": bool(self.unsaved),
            "refusal": self.refusal,
            "deadline_words": rules.deadline_words(self.material),
        }


def _row_values(form) -> dict:
    return {name: form[name].value() or "" for name in Entry.FIELDS}
