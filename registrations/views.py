from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from sesame.utils import get_user

from arshjul.lib import ratelimit, tokens
from arshjul.lib.forms import add_domain_error, error_words
from arshjul.lib.page_cache import private_page, valid_until
from arshjul.lib.validators import normalise_email
from meetings import selectors as meeting_selectors
from meetings.models import Meeting

from . import checklist, colleagues, invitations, rules, selectors, services, signin
from . import open_registration as open_registration_service
from .errors import RegistrationError
from .forms import (
    MAX_ROWS,
    ChecklistForm,
    ColleagueForm,
    EmailSignInForm,
    InvitationAnswerForm,
    JoinRequestForm,
    NeedsForm,
    OpenRegistrationForm,
    ParticipantForm,
    ParticipantFormSet,
    PasteForm,
    RegistrationChangeForm,
)
from .participants import Person
from .window import registration_window, registration_windows

SESSION_KEY = "coordinator_id"


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


@never_cache
@require_http_methods(["GET", "POST"])
def signin_view(request):
    form = EmailSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signin.signin_request(
                email=form.cleaned_data["email"], ip_address=ratelimit.client_ip(request)
            )
        except signin.TooManyRequests:
            return render(
                request, "registrations/signin.html", {"form": form, "too_many": True}, status=429
            )
        request.session["signin_email"] = form.cleaned_data["email"]
        return redirect("registrations:signin-sent")
    return render(request, "registrations/signin.html", {"form": form})


@never_cache
def signin_sent(request):
    return render(
        request, "registrations/signin_sent.html", {"email": request.session.get("signin_email")}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signin_link(request):
    """GET shows a button (mail scanners that follow links must not use up the one-time
    link); POST signs in, using the link up."""
    token = request.POST.get("sesame") or request.GET.get("sesame") or ""
    if request.method == "GET":
        user = get_user(token, update_last_login=False) if token else None
        valid = user is not None and not user.is_staff
    else:
        user = signin.signin_link_consume(token)
        valid = user is not None
    if not valid:
        response = render(
            request, "registrations/link_expired.html", {"form": EmailSignInForm()}, status=410
        )
    elif request.method == "GET":
        response = render(request, "registrations/signin_link.html", {"token": token})
    else:
        login(request, user, backend="sesame.backends.ModelBackend")
        request.session.pop(SESSION_KEY, None)
        return redirect("registrations:choose")
    return tokens.personal_page(response)  # the page's address carries the token


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
            return redirect("organisation")
    elif len(choices) == 1:
        request.session[SESSION_KEY] = choices[0].pk
        return redirect("organisation")
    return render(request, "registrations/choose.html", {"choices": choices})


# --- The organisation's page ---------------------------------------------------------------------


def acting_for(request):
    """Which organisation's coordinator the session acts as (a kept page varies by it)."""
    return request.session.get(SESSION_KEY)


# What a coordinator's pages show: their organisation, its participants, the meetings.
COORDINATOR_PAGES = [
    "arshjul.Coordinator",
    "arshjul.Organisation",
    "arshjul.Cycle",
    "arshjul.Challenge",
    "arshjul.CycleChallenge",
    "meetings.Meeting",
    "meetings.Material",
    "registrations.Participant",
]


def organisation_page(request, coordinator, *, tasks, ticked_elsewhere):
    """The organisation's page (the view, with the apps' tasks: pages.views.organisation): its
    tasks, its participants per meeting with what the coordinator may change of each, the
    colleagues, the material for coordinators and the checklist."""
    rows = _meeting_rows(coordinator)
    has_participants = any(row["participants"] for row in rows)
    items = checklist.checklist_for(
        coordinator, has_participants=has_participants, ticked_elsewhere=ticked_elsewhere
    )
    context = {
        "coordinator": coordinator,
        "colleagues": colleagues.colleagues_of(coordinator),
        "tasks": tasks,
        "checklist": items,
        "rows": rows,
        "materials": meeting_selectors.materials_for_coordinators(cycle_id=coordinator.cycle_id),
        "other_appointments": len(coordinator.appointments) > 1,
    }
    response = render(request, "registrations/organisation.html", context)
    for row in rows:  # the page's words change when a registration opens or closes
        valid_until(response, row["window"].next_change)
    valid_until(response, meeting_selectors.next_material_publication(cycle=coordinator.cycle))
    return response


def _meeting_rows(coordinator) -> list[dict]:
    """Per meeting the coordinators register for: its window, the organisation's
    participants with what the coordinator may change of each, and whether they may add."""
    meetings = selectors.meetings_for_coordinator(coordinator)
    participants = selectors.participants_of(coordinator, meetings)
    return [
        {
            "meeting": meeting,
            "window": window,
            "participants": [_offers(coordinator, p) for p in participants[meeting.pk]],
            "can_add": bool(
                rules.coordinator_may(
                    coordinator, rules.Action.ADD, rules.newcomer(coordinator, meeting)
                )
            ),
        }
        for meeting, window in zip(meetings, registration_windows(meetings), strict=True)
    ]


def _offers(coordinator, participant) -> dict:
    """What the organisation's page offers for one participant: what the rule allows."""
    edit = rules.coordinator_may(coordinator, rules.Action.EDIT, participant)
    return {
        "participant": participant,
        "edit": edit.scope,
        "replace": bool(rules.coordinator_may(coordinator, rules.Action.REPLACE, participant)),
        "cancel": bool(rules.coordinator_may(coordinator, rules.Action.CANCEL, participant)),
    }


@require_http_methods(["GET", "POST"])
@coordinator_required
def colleague_add(request, coordinator):
    """Add a colleague as co-coordinator; on a problem, the form again with what was typed."""
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            colleague = colleagues.colleague_add(coordinator=coordinator, **form.cleaned_data)
        except RegistrationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is a coordinator of %(organisation)s now, and has an e-mail about it.")
                % {"name": colleague.name, "organisation": coordinator.organisation.name},
            )
            return redirect(reverse("organisation") + "#coordinators-heading")
    context = {"coordinator": coordinator, "form": form}
    return render(request, "registrations/colleague_add.html", context)


@require_POST
@coordinator_required
def colleague_remove(request, coordinator, pk):
    if not colleagues.colleague_remove(coordinator=coordinator, colleague_id=pk):
        raise Http404
    messages.success(request, _("The co-coordinator is removed."))
    return redirect(reverse("organisation") + "#coordinators-heading")


@require_POST
@coordinator_required
def checklist_save(request, coordinator):
    form = ChecklistForm(request.POST, choices=[(k, k) for k in checklist.manual_keys()])
    if form.is_valid():
        checklist.checklist_update(coordinator=coordinator, ticked=set(form.cleaned_data["ticked"]))
        messages.success(request, _("The checklist is saved."))
    return redirect("organisation")


# --- Participants -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@private_page(depends_on=COORDINATOR_PAGES, vary_on=acting_for)
@coordinator_required
def participants_add(request, coordinator, meeting_id):
    """Register the organisation's participants for a meeting: rows typed or pasted from a
    list ("more rows" and pasting keep what was typed), all registered or none."""
    meeting = _get_meeting_for_coordinator(coordinator, meeting_id)
    # The groups are read once for every row (not once a row).
    groups = selectors.workshop_groups(meeting) if meeting.has_workshop_groups else []
    kwargs = {"form_kwargs": {"meeting": meeting, "groups": groups}, "prefix": "p"}
    paste_form, formset = _participant_rows(request, kwargs)
    refusal = ""
    if request.method == "POST" and formset.is_bound and formset.is_valid():
        created, refusal = _register(coordinator, meeting, formset)
        if created is not None:
            waiting = sum(p.status == p.Status.WAITING for p in created)
            messages.success(request, _registered_message(len(created), waiting))
            return redirect(reverse("organisation") + f"#meeting-{meeting.pk}")
    window = registration_window(meeting)
    newcomer = rules.newcomer(coordinator, meeting)
    context = {"meeting": meeting, "formset": formset, "paste_form": paste_form, "window": window}
    context.update(
        refusal=refusal or rules.coordinator_may(coordinator, rules.Action.ADD, newcomer).refusal,
        max_rows=MAX_ROWS,
    )
    response = render(request, "registrations/participants_add.html", context)
    return valid_until(response, window.next_change)


def _participant_rows(request, kwargs):
    """The paste form and the rows: empty ones to start; a pasted list as rows; "more rows"
    keeps every typed row, unchecked, and adds three; otherwise the rows as posted (bound)."""
    paste_form = PasteForm(prefix="paste")
    if request.method != "POST":
        return paste_form, _formset_showing([], extra=2, **kwargs)
    if "paste-pasted" in request.POST:
        paste_form = PasteForm(request.POST, prefix="paste")
        rows = paste_form.rows() if paste_form.is_valid() else []
        return paste_form, _formset_showing(rows, extra=0 if rows else 3, **kwargs)
    if "more" in request.POST:
        typed = ParticipantFormSet(request.POST, **kwargs)
        return paste_form, _formset_showing([f.typed() for f in typed.forms], extra=3, **kwargs)
    return paste_form, ParticipantFormSet(request.POST, **kwargs)


def _register(coordinator, meeting, formset):
    """Register the rows' people: (those registered, "") or (None, why not); an address
    registered already is said beside its row."""
    try:
        people = formset.people()
        return services.participants_register(
            meeting=meeting,
            organisation=coordinator.organisation,
            people=people,
            coordinator=coordinator,
        ), ""
    except services.AlreadyRegistered as error:
        for form in formset.forms:
            if normalise_email(form.cleaned_data.get("email")) in error.emails_taken:
                form.add_error("email", _("Already registered for the meeting."))
        return None, ""
    except services.RegistrationError as error:
        return None, error_words(error)


def _formset_showing(rows: list[dict], *, extra: int, **kwargs):
    """An unbound formset showing ``rows`` (typed or pasted) and ``extra`` empty rows."""
    rows = rows[:MAX_ROWS]
    formset = ParticipantFormSet(initial=rows or None, **kwargs)
    formset.extra = max(0, min(extra, MAX_ROWS - len(rows)))
    formset.min_num = max(1, len(rows))
    return formset


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
    """Edit or replace one participant: the same form, a different service. What the
    coordinator may change is the rule's (:func:`rules.coordinator_may`): everything, the
    needs only (after the deadline, while the meeting allows), or nothing — then the page
    says why and has no form, and a POST changes nothing (403)."""
    participant = _get_participant_for_coordinator(coordinator, pk)
    meeting = participant.meeting
    replacing = action == rules.Action.REPLACE
    permission = rules.coordinator_may(coordinator, action, participant)
    context = {"participant": participant, "meeting": meeting, "replacing": replacing}
    if not permission:
        return _refused(request, "registrations/participant_form.html", context, permission)
    needs_only = permission.scope == rules.Scope.NEEDS_ONLY
    refusal = ""
    if needs_only:
        form = NeedsForm(
            request.POST or None,
            initial=Person.from_participant(participant).fields(),
            meeting=meeting,
            participant=participant,
            about_oneself=False,
        )
    else:
        # A colleague who takes the place takes the workshop group too, unless changed.
        initial = {} if replacing else Person.from_participant(participant).fields()
        initial["workshop_group"] = participant.workshop_group_id
        form = ParticipantForm(request.POST or None, initial=initial, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            if replacing:
                services.participant_replace(
                    participant=participant, person=form.person(), coordinator=coordinator
                )
            else:
                services.participant_update(
                    participant=participant,
                    person=form.person(),
                    needs_only=needs_only,
                    coordinator=coordinator,
                )
        except services.RegistrationRefused as error:
            refusal = error_words(error)
        except services.AlreadyRegistered:
            form.add_error("email", _("Already registered for the meeting."))
        except services.RegistrationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(old)s is replaced by %(new)s.")
                % {"old": participant.name, "new": form.cleaned_data["name"]}
                if replacing
                else _("The changes for %(name)s are saved.") % {"name": participant.name},
            )
            return redirect(reverse("organisation") + f"#meeting-{meeting.pk}")
    context.update(form=form, needs_only=needs_only, refusal=refusal)
    return render(request, "registrations/participant_form.html", context)


def _refused(request, template, context, permission):
    """The page of a change the coordinator may not make: why, and no form. A POST is
    refused (403) and changes nothing."""
    context = {**context, "form": None, "refusal": permission.refusal}
    return render(request, template, context, status=403 if request.method == "POST" else 200)


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
    context = {"participant": participant, "meeting": participant.meeting}
    permission = rules.coordinator_may(coordinator, rules.Action.CANCEL, participant)
    if not permission:
        return _refused(request, "registrations/participant_cancel.html", context, permission)
    refusal = ""
    if request.method == "POST":
        try:
            services.participant_cancel(participant=participant, coordinator=coordinator)
        except services.RegistrationError as error:
            refusal = error_words(error)
        else:
            messages.success(
                request, _("%(name)s is no longer registered.") % {"name": participant.name}
            )
            return redirect(reverse("organisation") + f"#meeting-{participant.meeting_id}")
    context["refusal"] = refusal
    return render(request, "registrations/participant_cancel.html", context)


# --- Joining ------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    cycle = meeting_selectors.cycle_current(today=timezone.localdate())
    if cycle is None:
        raise Http404
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("registrations:join-thanks")  # a robot: thanked, nothing stored
        if not ratelimit.hit(
            "join", ratelimit.client_ip(request), limit=settings.JOIN_MAX_PER_IP, window=3600
        ):
            context = {"form": form, "cycle": cycle, "too_many": True}
            return render(request, "registrations/join.html", context, status=429)
        fields = {k: v for k, v in form.cleaned_data.items() if k != JoinRequestForm.HONEYPOT}
        services.join_request_submit(cycle=cycle, **fields)
        return redirect("registrations:join-thanks")
    return render(request, "registrations/join.html", {"form": form, "cycle": cycle})


def join_thanks(request):
    return render(request, "registrations/join_thanks.html")


# --- Taking part in person: open registration and invitations -----------------------------
# The personal link's token comes in the query string (never in the path, which access logs
# keep) and goes back in the form; its page is private to whoever holds it.

OPEN = Meeting.Participation.OPEN
INVITATION = Meeting.Participation.INVITATION


_personal_page = tokens.personal_page
_with_token = tokens.token_path


@never_cache
@require_http_methods(["GET", "POST"])
def open_registration(request, year: int, slug: str):
    """Anyone signs up for a meeting open for everyone: the same answer whether the address
    was new or registered already (a robot is thanked and nothing stored)."""
    meeting = meeting_selectors.meeting_get_published(year=year, slug=slug)
    if meeting is None or meeting.participation != OPEN:
        raise Http404
    form = OpenRegistrationForm(request.POST or None, meeting=meeting)
    refusal = rules.refusal(meeting, rules.Action.ADD, channel=OPEN)
    admission = open_registration_service.Admission(allowed=True)
    if request.method == "POST" and not refusal and form.is_valid():
        if form.is_spam():
            return redirect("registrations:open-thanks", year, slug)
        admission = open_registration_service.open_registration_admit(ratelimit.client_ip(request))
        if admission.allowed:
            refusal = _open_register(meeting, form)
            if not refusal and not form.errors:
                return redirect("registrations:open-thanks", year, slug)
    context = {"meeting": meeting, "form": form, "window": registration_window(meeting)}
    context.update(refusal=refusal, too_many=not admission.allowed)
    if not form.is_bound:
        context["empty_form_key"] = open_registration_service.empty_form_key(meeting)
    if admission.allowed:
        return render(request, "registrations/open_registration.html", context)
    # Held back: the form keeps what they typed, and says to wait.
    response = render(request, "registrations/open_registration.html", context, status=429)
    response["Retry-After"] = str(admission.retry_after)
    return response


def _open_register(meeting, form) -> str:
    """Sign the form's person up: "" when done (or a problem put on the form), else why not."""
    try:
        open_registration_service.open_registration_submit(
            meeting=meeting,
            person=form.person(),
            organisation=form.cleaned_data["organisation"],
            organisation_name=form.cleaned_data["organisation_name"],
        )
    except services.RegistrationRefused as error:
        return error_words(error)
    except services.RegistrationError as error:
        add_domain_error(form, error)
    return ""


def open_registration_thanks(request, year: int, slug: str):
    meeting = meeting_selectors.meeting_get_published(year=year, slug=slug)
    if meeting is None or meeting.participation != OPEN:
        raise Http404
    return render(request, "registrations/open_registration_thanks.html", {"meeting": meeting})


@never_cache
@require_http_methods(["GET", "POST"])
def registration(request):
    """The page a personal link opens for someone who signed up themselves: see the
    registration, correct it (all of it while registration is open, then the needs while
    they may be corrected), and cancel — after being asked."""
    token = tokens.token_from(request)
    participant = open_registration_service.registration_for_token(token)
    if participant is None:
        raise Http404
    active = participant.status != participant.Status.CANCELLED
    action = request.POST.get("action", "") if request.method == "POST" else ""
    may = rules.self_may(participant, channel=OPEN, coming=active)
    needs_only = may.scope == rules.Scope.NEEDS_ONLY
    form = _registration_form(participant, request.POST if action == "change" else None, needs_only)
    cancel_refusal = rules.refusal(participant.meeting, rules.Action.CANCEL, channel=OPEN)
    done = None
    if active and action == "cancel-confirmed" and not cancel_refusal:
        done, cancel_refusal = _registration_cancel(request, participant, token)
    elif active and action == "change" and may and form.is_valid():
        done = _registration_change(request, participant, form, token, needs_only=needs_only)
    context = {"participant": participant, "meeting": participant.meeting, "active": active}
    context.update(form=form, needs_only=needs_only, token=token, cancel_refusal=cancel_refusal)
    context.update(
        edit_refusal="" if may else may.refusal,
        asking_to_cancel=active and action == "cancel" and not cancel_refusal,
    )
    return done or _personal_page(render(request, "registrations/registration.html", context))


def _registration_cancel(request, participant, token):
    """Cancel (asked first on the page): a redirect, or the reason it could not be."""
    try:
        services.participant_cancel(participant=participant)
    except services.RegistrationError as error:
        return None, error_words(error)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(_with_token("registrations:registration", token)), ""


def _registration_change(request, participant, form, token, *, needs_only: bool):
    """Save the registrant's corrections: a redirect, or None with the problem on the form."""
    try:
        _registration_save(participant, form, needs_only=needs_only)
    except services.RegistrationError as error:
        add_domain_error(form, error)
        return None
    messages.success(request, _("Your changes are saved."))
    return redirect(_with_token("registrations:registration", token))


def _registration_form(participant, data, needs_only: bool):
    """The registrant's own form: everything but the address, or the needs only."""
    initial = Person.from_participant(participant).fields()
    if needs_only:
        return NeedsForm(
            data, initial=initial, meeting=participant.meeting, participant=participant
        )
    initial.update(
        organisation=participant.organisation_id, organisation_name=participant.organisation_name
    )
    return RegistrationChangeForm(
        data, initial=initial, meeting=participant.meeting, participant=participant
    )


def _registration_save(participant, form, *, needs_only: bool) -> None:
    if needs_only:
        services.participant_update(participant=participant, person=form.person(), needs_only=True)
    else:
        open_registration_service.registration_correct(
            participant=participant,
            person=form.person(),
            organisation=form.cleaned_data["organisation"],
            organisation_name=form.cleaned_data["organisation_name"],
        )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request):
    """The page an invitee's personal link opens: answer yes or no, and change the answer
    until registration closes (then, who is coming corrects their needs for a while)."""
    token = tokens.token_from(request)
    found = invitations.invitation_for_token(token)
    if found is None:
        raise Http404
    coming = invitations.is_coming(found)
    may = rules.self_may(found, channel=INVITATION, coming=coming)
    form = _invitation_form(
        found, request.POST or None, needs_only=may.scope == rules.Scope.NEEDS_ONLY
    )
    refusal = "" if may else may.refusal
    if request.method == "POST" and may and form.is_valid():
        try:
            _invitation_save(found, form, needs_only=may.scope == rules.Scope.NEEDS_ONLY)
        except services.RegistrationRefused as error:
            refusal = error_words(error)
        except services.RegistrationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(_with_token("registrations:invitation", token))
    context = {"invitation": found, "meeting": found.meeting, "form": form, "token": token}
    context.update(refusal=refusal, needs_only=may.scope == rules.Scope.NEEDS_ONLY, coming=coming)
    return _personal_page(render(request, "registrations/invitation.html", context))


def _invitation_form(found, data, *, needs_only: bool):
    """The invitee's form: the answer (with who and what they need), or the needs only."""
    participant = found.participant
    initial = {"name": found.name, "role": found.role}
    if invitations.is_coming(found):
        initial = {**Person.from_participant(participant).fields(), "coming": "yes"}
        initial["workshop_group"] = participant.workshop_group_id
    elif found.answer == found.Answer.DECLINED:
        initial["coming"] = "no"
    if needs_only:
        return NeedsForm(data, initial=initial, meeting=found.meeting, participant=participant)
    return InvitationAnswerForm(data, initial=initial, meeting=found.meeting, invitation=found)


def _invitation_save(found, form, *, needs_only: bool) -> None:
    if needs_only:
        services.participant_update(
            participant=found.participant, person=form.person(), needs_only=True
        )
    else:
        invitations.invitation_answer(
            invitation=found, coming=form.cleaned_data["coming"], person=form.person()
        )
