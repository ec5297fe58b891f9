from functools import wraps

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from sesame.utils import get_user

from arshjul import selectors as cycle_selectors
from arshjul import todo
from meetings.registration import registration_window

from . import checklist, rules, selectors, services, signin
from .forms import (
    ChecklistForm,
    EmailSignInForm,
    JoinRequestForm,
    ParticipantForm,
    ParticipantFormSet,
    PasteForm,
)

SESSION_KEY = "coordinator_id"


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def coordinator_required(view):
    """Load the coordinator appointment the signed-in user acts for, or send them to sign in
    (or to choose an organisation)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated or request.user.is_staff:
            return redirect(f"{reverse('registrations:signin')}?next={request.path}")
        coordinator = selectors.coordinator_for_user(request.user, request.session.get(SESSION_KEY))
        if coordinator is None:
            return redirect("registrations:choose")
        return view(request, coordinator, *args, **kwargs)

    return wrapper


def _get_meeting_for_coordinator(coordinator, meeting_id):
    meeting = selectors.meeting_for_coordinator(coordinator, meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _get_participant_for_coordinator(coordinator, pk):
    participant = selectors.participant_for_coordinator(coordinator, pk)
    if participant is None:
        raise Http404
    return participant


# --- Signing in ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signin_view(request):
    form = EmailSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signin.signin_request(email=form.cleaned_data["email"], ip_address=_client_ip(request))
        except signin.TooManyRequests:
            return render(
                request, "registrations/signin.html", {"form": form, "too_many": True}, status=429
            )
        request.session["signin_email"] = form.cleaned_data["email"]
        return redirect("registrations:signin-sent")
    return render(request, "registrations/signin.html", {"form": form})


def signin_sent(request):
    return render(
        request, "registrations/signin_sent.html", {"email": request.session.get("signin_email")}
    )


@require_http_methods(["GET", "POST"])
def signin_link(request):
    """GET shows a button (mail scanners that follow links must not use up the one-time
    link); POST signs in."""
    token = request.POST.get("sesame") or request.GET.get("sesame") or ""
    user = get_user(token, update_last_login=False) if token else None
    if user is None or user.is_staff:
        return render(
            request, "registrations/link_expired.html", {"form": EmailSignInForm()}, status=410
        )
    if request.method == "GET":
        return render(request, "registrations/signin_link.html", {"token": token})
    login(request, user, backend="sesame.backends.ModelBackend")  # uses up the link
    request.session.pop(SESSION_KEY, None)
    return redirect("registrations:choose")


@require_POST
def signout(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("home")


@require_http_methods(["GET", "POST"])
def choose(request):
    if not request.user.is_authenticated or request.user.is_staff:
        return redirect("registrations:signin")
    choices = list(signin.coordinators_for_email(request.user.email))
    if request.method == "POST":
        chosen = next((c for c in choices if str(c.pk) == request.POST.get("coordinator")), None)
        if chosen:
            request.session[SESSION_KEY] = chosen.pk
            return redirect("registrations:organisation")
    elif len(choices) == 1:
        request.session[SESSION_KEY] = choices[0].pk
        return redirect("registrations:organisation")
    return render(request, "registrations/choose.html", {"choices": choices})


# --- The organisation's page ---------------------------------------------------------------------


@coordinator_required
def organisation(request, coordinator):
    meetings = selectors.meetings_for_coordinator(coordinator)
    participants = selectors.participants_of(coordinator, meetings)
    has_participants = any(participants.values())
    items = checklist.checklist_for(coordinator, has_participants=has_participants)
    rows = [
        {
            "meeting": meeting,
            "window": registration_window(meeting),
            "participants": participants[meeting.pk],
            "can_add": rules.allowed(meeting, rules.Action.ADD),
            "can_edit": rules.allowed(meeting, rules.Action.EDIT),
            "can_replace": rules.allowed(meeting, rules.Action.REPLACE),
            "can_cancel": rules.allowed(meeting, rules.Action.CANCEL),
        }
        for meeting in meetings
    ]
    context = {
        "coordinator": coordinator,
        "tasks": todo.tasks_for(coordinator),
        "checklist": items,
        "rows": rows,
        "other_appointments": len(signin.coordinators_for_email(request.user.email)) > 1,
    }
    return render(request, "registrations/organisation.html", context)


@require_POST
@coordinator_required
def checklist_save(request, coordinator):
    form = ChecklistForm(request.POST, choices=[(k, k) for k in checklist.MANUAL_KEYS])
    if form.is_valid():
        checklist.checklist_update(coordinator=coordinator, ticked=set(form.cleaned_data["ticked"]))
        messages.success(request, _("The checklist is saved."))
    return redirect("registrations:organisation")


# --- Participants -------------------------------------------------------------------------------


def _rows_wanted(request) -> int:
    try:
        return max(1, min(int(request.GET.get("rader", 3)), 50))
    except ValueError:
        return 3


@require_http_methods(["GET", "POST"])
@coordinator_required
def participants_add(request, coordinator, meeting_id):
    meeting = _get_meeting_for_coordinator(coordinator, meeting_id)
    kwargs = {"form_kwargs": {"meeting": meeting}, "prefix": "p"}
    paste_form = PasteForm(prefix="paste")
    refusal = None
    if request.method == "POST" and "paste-pasted" in request.POST:
        paste_form = PasteForm(request.POST, prefix="paste")
        rows = paste_form.rows() if paste_form.is_valid() else []
        formset = ParticipantFormSet(initial=rows or None, **kwargs)
        if rows:
            formset.extra = 0
            formset.min_num = len(rows)
    elif request.method == "POST":
        formset = ParticipantFormSet(request.POST, **kwargs)
        if formset.is_valid():
            try:
                created = services.participants_register(
                    meeting=meeting, organisation=coordinator.organisation, people=formset.people()
                )
            except rules.NotAllowed as error:
                refusal = str(error)
            except services.AlreadyRegistered as error:
                for form in formset.forms:
                    if (form.cleaned_data.get("email") or "").lower() in error.emails_taken:
                        form.add_error("email", _("Already registered for the meeting."))
            except ValidationError as error:
                refusal = " ".join(error.messages)
            else:
                waiting = sum(p.status == p.Status.WAITING for p in created)
                messages.success(request, _registered_message(len(created), waiting))
                return redirect(reverse("registrations:organisation") + f"#meeting-{meeting.pk}")
    else:
        formset = ParticipantFormSet(**kwargs)
        formset.extra = _rows_wanted(request) - 1
    window = registration_window(meeting)
    return render(
        request,
        "registrations/participants_add.html",
        {
            "meeting": meeting,
            "formset": formset,
            "paste_form": paste_form,
            "window": window,
            "refusal": refusal or rules.refusal(meeting, rules.Action.ADD),
            "more_rows": len(formset.forms) + 3,
        },
    )


def _registered_message(count: int, waiting: int) -> str:
    text = ngettext(
        "%(count)d participant is registered and gets a confirmation by e-mail.",
        "%(count)d participants are registered and get a confirmation by e-mail.",
        count,
    ) % {"count": count}
    if waiting:
        text += " " + ngettext(
            "%(count)d of them is on the waiting list.",
            "%(count)d of them are on the waiting list.",
            waiting,
        ) % {"count": waiting}
    return text


def _participant_change(request, coordinator, pk, *, action):
    """Edit or replace one participant: the same form, a different service."""
    participant = _get_participant_for_coordinator(coordinator, pk)
    meeting = participant.meeting
    replacing = action == rules.Action.REPLACE
    initial = None if replacing else {
        "name": participant.name, "email": participant.email, "role": participant.role,
        "workshop_group": participant.workshop_group, "dietary_needs": participant.dietary_needs,
        "dietary_consent": participant.dietary_consent,
        "accessibility_needs": participant.accessibility_needs, "comment": participant.comment,
    }  # fmt: skip
    form = ParticipantForm(request.POST or None, initial=initial, meeting=meeting)
    refusal = rules.refusal(meeting, action)
    if request.method == "POST" and form.is_valid():
        service = services.participant_replace if replacing else services.participant_update
        try:
            service(participant=participant, person=form.person())
        except rules.NotAllowed as error:
            refusal = str(error)
        except services.AlreadyRegistered:
            form.add_error("email", _("Already registered for the meeting."))
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("%(old)s is replaced by %(new)s.")
                % {"old": participant.name, "new": form.cleaned_data["name"]}
                if replacing
                else _("The changes for %(name)s are saved.") % {"name": form.cleaned_data["name"]},
            )
            return redirect(reverse("registrations:organisation") + f"#meeting-{meeting.pk}")
    return render(
        request,
        "registrations/participant_form.html",
        {"participant": participant, "meeting": meeting, "form": form, "replacing": replacing,
         "refusal": refusal},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@coordinator_required
def participant_edit(request, coordinator, pk):
    return _participant_change(request, coordinator, pk, action=rules.Action.EDIT)


@require_http_methods(["GET", "POST"])
@coordinator_required
def participant_replace(request, coordinator, pk):
    return _participant_change(request, coordinator, pk, action=rules.Action.REPLACE)


@require_http_methods(["GET", "POST"])
@coordinator_required
def participant_cancel(request, coordinator, pk):
    participant = _get_participant_for_coordinator(coordinator, pk)
    refusal = rules.refusal(participant.meeting, rules.Action.CANCEL)
    if request.method == "POST" and not refusal:
        try:
            services.participant_cancel(participant=participant)
        except rules.NotAllowed as error:
            refusal = str(error)
        else:
            messages.success(
                request, _("%(name)s is no longer registered.") % {"name": participant.name}
            )
            return redirect(
                reverse("registrations:organisation") + f"#meeting-{participant.meeting_id}"
            )
    return render(
        request,
        "registrations/participant_cancel.html",
        {"participant": participant, "meeting": participant.meeting, "refusal": refusal},
    )


# --- Joining ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def join(request):
    cycle = cycle_selectors.cycle_for_home(today=timezone.localdate())
    if cycle is None:
        raise Http404
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.join_request_submit(cycle=cycle, **form.cleaned_data)
        return redirect("registrations:join-thanks")
    return render(request, "registrations/join.html", {"form": form, "cycle": cycle})


def join_thanks(request):
    return render(request, "registrations/join_thanks.html")
