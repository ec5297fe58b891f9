"""A coordinator's pages of the working material: the challenges and how far the
organisation has come, and the answer for one challenge (entries and reflections)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from arshjul.lib.forms import add_domain_error
from registrations.views import coordinator_required

from . import rules, selectors, services
from .forms import EntryFormSet, ReflectionsForm, entry_initial
from .models import Answer, Reflection


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
    material = _get_material(coordinator)
    item = material.challenges.select_related("challenge").filter(challenge_id=challenge_id).first()
    if item is None:
        raise Http404
    # Looking makes nothing: the answer is made by its first save.
    found = Answer.objects.filter(
        material=material, organisation=coordinator.organisation, challenge=item.challenge
    ).first() or Answer(
        material=material, organisation=coordinator.organisation, challenge=item.challenge
    )
    current = {r.kind: r for r in found.reflections.all()} if found.pk else {}
    entries = list(found.entries.all()) if found.pk else []
    data = request.POST if request.method == "POST" else None
    reflections = ReflectionsForm(data, current=current, prefix="r")
    action = request.POST.get("action", "")
    if data is not None and action == "more":
        # One more row; everything typed stays, nothing is saved yet.
        typed = EntryFormSet(data, prefix="e")
        rows = [f.cleaned_data if f.is_valid() else _raw(f) for f in typed.forms]
        formset = EntryFormSet(initial=[*rows, {}], prefix="e")
        reflections = ReflectionsForm(data, current=current, prefix="r")
        reflections.is_valid()
        reflections._errors = {}
    else:
        initial = [entry_initial(e) for e in entries] + [{}]
        formset = EntryFormSet(data, initial=None if data else initial, prefix="e")
    refusal = rules.refusal(material)
    conflicts = []
    if data is not None and action in {"save", "done"} and not refusal and not found.is_done:
        if reflections.is_valid() and formset.is_valid():
            found = services.answer_get_or_create(
                material=material, organisation=coordinator.organisation, challenge=item.challenge
            )
            try:
                result = services.answer_save(
                    answer=found,
                    reflections=reflections.texts(),
                    seen=reflections.seen(),
                    entries=[_entry_input(f) for f in formset.forms if not f.is_blank()],
                    saved_by=coordinator.name,
                )
            except services.NotAllowed as error:
                refusal = " ".join(error.messages)
            except services.MaterialError as error:
                add_domain_error(reflections, error)
            else:
                conflicts = result.conflicts
                if not conflicts and not result.removed_meanwhile:
                    if action == "done":
                        services.answer_mark_done(answer=found, by=coordinator.name)
                        messages.success(request, _("Saved and marked done. Thank you!"))
                        return redirect("working_material:overview")
                    messages.success(request, _("Your answer is saved as a draft."))
                    return redirect(request.path)
                _show_problems(reflections, formset, result)
    elif data is not None and action == "reopen" and not refusal and found.is_done:
        services.answer_reopen(answer=found)
        messages.success(request, _("The answer is open again for changes."))
        return redirect(request.path)
    context = {
        "coordinator": coordinator,
        "material": material,
        "item": item,
        "answer": found,
        "entries": entries,
        "reflections": reflections,
        "reflection_fields": reflections.text_fields(),
        "formset": formset,
        "refusal": refusal,
        "conflicts": conflicts,
        "deadline_words": rules.deadline_words(material),
        "reflection_kinds": Reflection.Kind,
    }
    return render(request, "working_material/answer.html", context)


def _raw(form) -> dict:
    return {name: form[name].value() for name in form.fields}


def _entry_input(form) -> services.EntryInput:
    data = form.cleaned_data
    return services.EntryInput(
        id=data.get("id"),
        values={f: data.get(f) or "" for f in services.ENTRY_FIELDS},
        seen=data.get("version") or 0,
        delete=bool(data.get("remove")),
    )


def _moment(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i") if moment else ""


def _show_problems(reflections, formset, result) -> None:
    """Beside each text or row that someone else changed meanwhile: what is saved now, by
    whom. The person's own words stay in the form, now carrying the version saved, so that
    saving again keeps what they choose. A row someone removed comes back as a new one."""
    data = formset.data.copy()
    rows = {f.cleaned_data.get("id"): f for f in formset.forms}
    for conflict in result.conflicts:
        words = _(
            "%(who)s changed this at %(time)s, while you were writing: “%(theirs)s”. Your "
            "text is still here: keep what you want and save again."
        ) % {
            "who": conflict.saved_by or _("another coordinator"),
            "time": _moment(conflict.saved_at),
            "theirs": conflict.theirs or _("(empty)"),
        }
        kind, _dash, key = conflict.key.partition("-")
        if kind == "reflection":
            reflections.add_error(key, words)
            data[f"r-{key}_version"] = str(conflict.version)
        elif (form := rows.get(int(key))) is not None:
            form.add_error("name", words)
            data[f"{form.prefix}-version"] = str(conflict.version)
    for entry_id in result.removed_meanwhile:
        form = rows.get(entry_id)
        if form is not None:
            form.add_error(
                "name",
                _(
                    "Someone removed this row meanwhile. Your text is still here: save to add "
                    "it again."
                ),
            )
            data[f"{form.prefix}-id"] = ""
    reflections.data = formset.data = data
    for form in formset.forms:
        form.data = data
