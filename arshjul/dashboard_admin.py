"""The cycle dashboard in the admin (see :mod:`arshjul.dashboard`): views wired into the
cycle's admin by :class:`pages.admin.CycleAdmin`, which hands in what it shows
(:data:`pages.overview.OVERVIEW`). Readers see it; only editors remind or write
(``arshjul.change_cycle``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import dashboard, dashboard_cache, reminders
from .lib import confirm, staff_frame
from .lib.exports import csv_response, xlsx_response
from .lib.page_cache import tracked_labels, valid_until
from .models import Coordinator, Cycle, Organisation, category_order

SEND_PERMISSION = "arshjul.change_cycle"


class FilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    not_yet = forms.ChoiceField(label=_("Has not yet"), required=False)

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", gettext("All"))]
        self.fields["category"].choices = everyone + list(Organisation.Category.choices)
        self.fields["not_yet"].choices = [("", gettext("—"))] + [
            (key, not_yet) for key, not_yet in filters
        ]


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "message-subject"}),
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Write only the message itself, in plain text: the e-mail opens with “Hej "
            "<name>!” and ends with the organiser's signature by itself, as the preview shows."
        ),
    )


def _filters(request) -> dict:
    data = request.POST if request.method == "POST" else request.GET
    return {"category": data.get("category", ""), "not_yet": data.get("not_yet", "")}


@staff_frame.kept_for_reader(depends_on=tracked_labels)
def dashboard_view(model_admin, request, cycle_id: int, *, overview: dashboard.Overview):
    """The overview of a cycle: filtered by category and "has not yet"; an editor reminds
    those shown, pauses a kind of reminder, or writes to them (each after a preview)."""
    if not request.user.has_perm("arshjul.view_cycle"):
        raise PermissionDenied
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    chosen = _filters(request)
    version = dashboard_cache.data_version()
    message_form, preview = MessageForm(), None
    if request.method == "POST":
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        # Reminding and writing work on the rows as they are, never on a kept overview.
        board = dashboard.dashboard_for(cycle, columns=overview.columns, **chosen)
        here = reverse("admin:arshjul_cycle_dashboard", args=[cycle.pk]) + "?" + urlencode(chosen)
        if "remind" in request.POST:
            return _remind(model_admin, request, board, chosen, here)
        if "pause" in request.POST or "resume" in request.POST:
            return _pause_or_resume(request, cycle, here)
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            preview = _message(request, board, chosen, **message_form.cleaned_data)
            if preview is None:
                return redirect(here)
        summary = dashboard.summary_of(board)
    else:
        # Made only when what is kept of it is not in the cache already.
        board = SimpleLazyObject(
            lambda: dashboard.dashboard_for(cycle, columns=overview.columns, **chosen)
        )
        summary = dashboard_cache.summary_read(cycle, chosen, version=version, board=board)
    context = _dashboard_context(model_admin, request, cycle, board, summary, chosen, version)
    context.update(
        message_form=message_form,
        preview=preview,
        downloads=overview.downloads_for(cycle, request.user),
    )
    response = TemplateResponse(request, "admin/arshjul/cycle/dashboard.html", context)
    # Kept no longer than until the first upcoming reminder is due (its list changes then).
    return valid_until(response, dashboard_cache.plans_change_at(context["reminder_plans"]))


def _dashboard_context(model_admin, request, cycle, board, summary, chosen, version) -> dict:
    return {
        **staff_frame.each_context(model_admin.admin_site, request),
        "opts": model_admin.model._meta,
        "title": gettext("Overview of %(cycle)s") % {"cycle": cycle.name},
        "cycle": cycle,
        "board": board,
        "summary": summary,
        "filter_form": FilterForm(chosen, filters=summary.filters),
        "chosen": chosen,
        "may_send": request.user.has_perm(SEND_PERMISSION),
        "reminder_plans": dashboard_cache.upcoming_read(cycle, version=version),
        # The rendered table is kept as long as the board it shows (a POST's is made anew).
        "table_key": dashboard_cache.table_key(cycle, chosen, version)
        if request.method == "GET"
        else "",
        "office_hours": reminders.office_hours(),
        "can_remind": summary.can_remind,
        "recipients": summary.recipients,
        "without_coordinator": summary.without_coordinator,
        "reminder_paused": bool(summary.not_yet)
        and reminders.is_paused(cycle, summary.reminder_kind),
    }


def _fingerprint(request, what: str, chosen: dict, *more: str) -> str:
    return ":".join([what, str(request.user.pk), chosen["category"], chosen["not_yet"], *more])


def _message(request, board, chosen, subject: str, body: str) -> dict | None:
    """Write to those shown: a confirming POST (its key bound to these very words) sends,
    once per coordinator and message, and returns None; anything else returns the preview
    of what would be sent, with the key that confirms it."""
    cycle = board.cycle

    def send():
        return dashboard.message_send(
            cycle=cycle, organisations=board.organisations, subject=subject, body=body
        )

    fingerprint = _fingerprint(request, "message", chosen, subject, body)
    if "send" in request.POST and confirm.confirmed(request, fingerprint) is not None:
        queued = send()
        messages.success(
            request,
            ngettext(
                "%(count)d e-mail is in the outbox.", "%(count)d e-mails are in the outbox.", queued
            )
            % {"count": queued},
        )
        return None
    changed = "send" in request.POST  # a send whose preview showed other words, or none
    return {
        "rehearsal": confirm.rehearse(send),
        "key_field": confirm.FIELD,
        "key": confirm.confirmation_key(fingerprint),
        "repeats": dashboard.message_repeats(body),
        "changed": changed,
    }


def _remind(model_admin, request, board, chosen, here):
    """Remind those shown: first how many and the reminder itself (the confirmation page),
    then, confirmed, sent — each reminder still once, by the column's own rule."""
    if board.not_yet is None or board.not_yet.remind is None:
        messages.error(request, gettext("Choose what they have not yet done, then remind them."))
        return redirect(here)
    if reminders.is_paused(board.cycle, board.not_yet.reminder_kind):
        messages.error(
            request,
            gettext(
                "These reminders are paused for the cycle: resume them under "
                "“Upcoming reminders” first."
            ),
        )
        return redirect(here)
    shown = len(board.rows)
    fingerprint = _fingerprint(request, "remind", chosen)
    if confirm.confirmed(request, fingerprint) is not None:
        reminded = dashboard.organisations_remind(board, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d organisation of %(shown)d shown was reminded.",
                "%(count)d organisations of %(shown)d shown were reminded.",
                reminded,
            )
            % {"count": reminded, "shown": shown}
            + " "
            + _already_reminded_words(),
        )
        return redirect(here)
    rehearsal = confirm.rehearse(lambda: dashboard.organisations_remind(board, by=request.user))
    if not rehearsal.count:
        nobody = gettext("Nobody to remind now.")
        messages.warning(request, f"{nobody} {_already_reminded_words()}")
        return redirect(here)
    confirmation = confirm.Confirmation(
        title=gettext("Remind those shown: %(what)s") % {"what": board.not_yet.not_yet},
        lead=[
            ngettext(
                "%(count)d organisation of %(shown)d shown gets a reminder.",
                "%(count)d organisations of %(shown)d shown get a reminder.",
                rehearsal.result,
            )
            % {"count": rehearsal.result, "shown": shown},
            ngettext("That is %(mails)d e-mail.", "That is %(mails)d e-mails.", rehearsal.count)
            % {"mails": rehearsal.count},
            _already_reminded_words(),
        ],
        button=ngettext("Send %(count)d reminder", "Send %(count)d reminders", rehearsal.count)
        % {"count": rehearsal.count},
        rehearsal=rehearsal,
    )
    hidden = [("category", chosen["category"]), ("not_yet", chosen["not_yet"]), ("remind", "1")]
    return confirm.confirmation_page(
        request,
        model_admin,
        confirmation,
        key=confirm.confirmation_key(fingerprint),
        hidden=hidden,
        back_url=here,
        action_url=reverse("admin:arshjul_cycle_dashboard", args=[board.cycle.pk]),
    )


def _already_reminded_words() -> str:
    return gettext(
        "Those already reminded today, or without a coordinator, get nothing more; "
        "nobody is reminded after the deadline."
    )


def _pause_or_resume(request, cycle, here):
    """Pause a kind of reminder in the cycle, or resume it (editors only: checked above)."""
    kind = request.POST.get("kind", "")
    if kind not in reminders.kinds:
        messages.error(request, gettext("There is no such kind of reminder."))
        return redirect(here)
    label = reminders.kinds.get(kind).label
    if "pause" in request.POST:
        reminders.kind_pause(cycle=cycle, kind_name=kind, by=request.user)
        messages.success(
            request,
            gettext("Paused: “%(kind)s”. Nothing of it is sent until you resume it.")
            % {"kind": label},
        )
    else:
        reminders.kind_resume(cycle=cycle, kind_name=kind)
        messages.success(
            request,
            gettext(
                "Resumed: “%(kind)s”. A reminder missed meanwhile goes with the days really "
                "left, or not at all once a nearer one has passed."
            )
            % {"kind": label},
        )
    return redirect(here + "#reminders")


def organisations_export(model_admin, request, cycle_id: int, fmt: str):
    """Organisations and their coordinators this cycle, in the categories' own order."""
    if not request.user.has_perm("arshjul.view_coordinator"):
        raise PermissionDenied
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    coordinators = {}
    for coordinator in Coordinator.objects.filter(cycle=cycle).order_by("-is_lead", "name"):
        coordinators.setdefault(coordinator.organisation_id, []).append(coordinator)
    organisations = dashboard.organisations_of(cycle)
    rows = []
    for organisation in sorted(organisations, key=lambda o: (category_order(o.category), o.name)):
        people = coordinators.get(organisation.pk) or [None]
        for person in people:
            rows.append(
                [
                    organisation.name,
                    organisation.get_category_display(),
                    organisation.municipality_code,
                    person.name if person else "",
                    person.email if person else "",
                    person.phone if person else "",
                    (gettext("Lead") if person.is_lead else gettext("Colleague")) if person else "",
                ]
            )
    header = [
        gettext("Organisation"),
        gettext("Category"),
        gettext("Municipality code"),
        gettext("Coordinator"),
        gettext("E-mail"),
        gettext("Phone"),
        gettext("Role"),
    ]
    name = f"organisationer-{cycle.year}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows, title=gettext("Organisations"))
    return csv_response(f"{name}.csv", header, rows)


def organisation_downloads(cycle, user) -> list[dashboard.Downloads]:
    items = []
    if user.has_perm("arshjul.view_coordinator"):
        for fmt in ["csv", "xlsx"]:
            url = reverse("admin:arshjul_cycle_organisations_export", args=[cycle.pk, fmt])
            label = gettext("Organisations and coordinators (%(format)s)") % {"format": fmt.upper()}
            items.append(dashboard.Download(label, url))
    if user.has_perm("arshjul.add_pdfjob"):
        url = reverse("admin:arshjul_cycle_coordinators_pdf", args=[cycle.pk])
        items.append(dashboard.Download(gettext("Coordinators"), url, starts_job=True))
    return [dashboard.Downloads(gettext("Organisations"), items)] if items else []
