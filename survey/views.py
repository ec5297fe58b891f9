"""The survey's pages: a group's answers (through its personal link, no account), the
submission and its receipt; a coordinator's groups; the public summary of the results."""

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from arshjul import selectors as cycle_selectors
from arshjul.lib import drafts, tokens
from arshjul.lib.forms import add_domain_error, error_words
from arshjul.lib.page_cache import public_page
from registrations.views import coordinator_required

from . import results as survey_results
from . import rules, selectors, services
from .forms import GroupForm, ResponseForm, SubmitForm, named_conflicts
from .models import Response, Survey

NAME_KEY = "survey_name"  # the name someone gave, offered again next time (their session)


def _get_response(request) -> tuple[Response, str]:
    token = tokens.token_from(request)
    response = selectors.response_for_token(token)
    if response is None:
        raise Http404
    return response, token


def _with_token(name: str, token: str, anchor: str = "") -> str:
    return tokens.token_path(name, token) + anchor


_personal_page = tokens.personal_page


def _moment(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


# --- A group's answers -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request):
    """The group's answers: save a draft (the button, or the page saving itself when left),
    come back and continue, then go on to submit."""
    response, token = _get_response(request)
    if response.is_submitted and request.method == "GET":
        return redirect(_with_token("survey:receipt", token))
    page = _AnswerPage(request, response, token)
    if request.method == "POST" and request.headers.get("Accept") == "application/json":
        return _autosave(request, response, page.form, page.refusal)
    if request.method == "POST" and not page.refusal and page.form.is_valid():
        done = page.post()
        if done is not None:
            return done
    return _personal_page(render(request, "survey/answer.html", page.context()))


class _AnswerPage:
    """The answer page's form and what it shows; :meth:`post` saves or puts words back."""

    def __init__(self, request, response: Response, token: str):
        self.request, self.response, self.token = request, response, token
        self.sections = selectors.sections_of(response.survey)
        questions = [q for item in self.sections for q in item.questions]
        self.form = ResponseForm(
            request.POST or None,
            questions=questions,
            answers=selectors.answers_of(response),
            initial={"saved_by": request.session.get(NAME_KEY, "")},
        )
        self.refusal = rules.refusal(response, rules.Action.SAVE)
        self.unsaved = drafts.unsaved_offered(request.session, _scope(response))

    def post(self):
        """A valid post: words kept for this browser put back in their field (nothing
        saved), or a save — then a redirect, or None when the page shows a conflict."""
        name = self.request.POST.get("use_unsaved")
        if name in self.unsaved:
            self.form = self.form.with_values({name: self.unsaved[name]})
            return None
        result, self.refusal = _save(self.request, self.response, self.form)
        if result and not result.conflicts:
            drafts.unsaved_forget(self.request.session, _scope(self.response))
            if self.request.POST.get("action") == "submit":
                return redirect(_with_token("survey:submit", self.token))
            messages.success(self.request, _("Your answers are saved."))
            return redirect(_with_token("survey:answer", self.token, "#saved"))
        if result:
            self.form, self.unsaved = self.form.after_save(result), {}
        return None

    def context(self) -> dict:
        response = self.response
        response.refresh_from_db(fields=["last_saved_at", "last_saved_by"])
        return {
            "response": response,
            "survey": response.survey,
            "group": response.group,
            "window": rules.survey_window(response.survey, response=response),
            "sections": [
                (item.section, self.form.rows_of(item.questions, self.unsaved))
                for item in self.sections
            ],
            "form": self.form,
            "token": self.token,
            "refusal": self.refusal,
            "has_unsaved": bool(self.unsaved),
            "answered": self.form.saved_count(),
            "question_count": len(self.form.questions),
        }


def _scope(response: Response) -> str:
    """The draft's name for what this browser wrote and could not save."""
    return f"survey:{response.pk}"


def _save(request, response: Response, form: ResponseForm):
    """Save what a valid form holds: the result (None if refused) and the refusal. What met a
    conflict is kept for this browser, to be offered on its next visit."""
    saved_by = form.cleaned_data["saved_by"]
    try:
        result = services.answers_save(
            response=response, values=form.values(), seen=form.seen(), saved_by=saved_by
        )
    except services.SurveyRefused as error:
        return None, error_words(error)
    except services.SurveyError as error:
        add_domain_error(form, error)
        return None, ""
    if saved_by:
        request.session[NAME_KEY] = saved_by
    drafts.unsaved_keep(
        request.session,
        _scope(response),
        named_conflicts(result),
        settled=[f"q{key}" for key in result.settled],
    )
    return result, ""


def _autosave(request, response: Response, form: ResponseForm, refusal: str):
    """The page saving itself when left: what it needs to go on — per answer saved, what it
    now shows (value and version). Answers someone else changed are left, and kept for this
    browser: the next visit offers them."""
    if refusal:
        return JsonResponse({"saved": 0, "refusal": refusal}, status=409)
    if not form.is_valid():
        return JsonResponse({"saved": 0, "errors": True}, status=400)
    result, refusal = _save(request, response, form)
    if result is None:
        return JsonResponse({"saved": 0, "refusal": refusal, "errors": not refusal}, status=409)
    return JsonResponse(
        {
            "saved": result.saved,
            "fields": {
                f"q{key}": {"shown": result.state[key].value, "version": result.state[key].version}
                for key in result.settled
                if key in result.state
            },
            "conflicts": sorted(c.key for c in result.conflicts),
            "saved_at": timezone.localtime().strftime("%H:%M"),
        }
    )


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    """Every answer once more, then "Skicka in" for the whole group."""
    response, token = _get_response(request)
    if response.is_submitted and request.method == "GET":
        return redirect(_with_token("survey:receipt", token))
    form = SubmitForm(request.POST or None, initial={"submitted_by": request.session.get(NAME_KEY)})
    refusal = rules.refusal(response, rules.Action.SUBMIT)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.response_submit(
                response=response, submitted_by=form.cleaned_data["submitted_by"]
            )
        except services.SurveyRefused as error:
            refusal = error_words(error)
        except services.SurveyError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you! Your group's answers are submitted."))
            return redirect(_with_token("survey:receipt", token))
    context = {
        **_summary(response),
        "form": form,
        "token": token,
        "refusal": refusal,
        "missing": services.missing_answers(response),
        # Answers can be changed from here while they can be saved.
        "change_url": "" if refusal else _with_token("survey:answer", token),
    }
    return _personal_page(render(request, "survey/submit.html", context))


def _summary(response: Response) -> dict:
    sections = selectors.sections_of(response.survey)
    answers = selectors.answers_of(response)
    rows = [
        (
            item.section,
            [
                (q, q.value_label(answers[q.pk].value) if q.pk in answers else "")
                for q in item.questions
            ],
        )
        for item in sections
    ]
    return {
        "response": response,
        "survey": response.survey,
        "group": response.group,
        "rows": rows,
    }


@never_cache
@require_safe
def receipt(request):
    """The submitted answers, read-only: the group's receipt."""
    response, token = _get_response(request)
    if not response.is_submitted:
        return redirect(_with_token("survey:answer", token))
    context = {**_summary(response), "token": token}
    return _personal_page(render(request, "survey/receipt.html", context))


@never_cache
@require_safe
def receipt_pdf(request):
    """The receipt as a PDF, made in the background: the file once it is ready, until then
    a page that looks again by itself."""
    response, token = _get_response(request)
    if not response.is_submitted:
        raise Http404
    job = services.receipt_job(response=response)
    job.refresh_from_db()
    if job.state == job.State.DONE and job.file:
        filename = f"kvitto-{response.survey.cycle.year}-{response.pk}.pdf"
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=filename)
    context = {"response": response, "survey": response.survey, "job": job, "token": token}
    return _personal_page(render(request, "survey/receipt_pending.html", context))


# --- A coordinator's groups --------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@coordinator_required
def groups(request, coordinator):
    """The organisation's leadership groups: add one, send each its link, see how far each
    has come."""
    surveys = selectors.surveys_for_cycle(coordinator.cycle_id)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_add(organisation=coordinator.organisation, **form.cleaned_data)
        except services.SurveyError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(group)s is added. Send the group its link when you are ready.")
                % {"group": group.name},
            )
            return redirect(reverse("survey:groups") + f"#group-{group.pk}")
    groups = selectors.groups_with_responses(coordinator.organisation_id, surveys)
    context = {
        "coordinator": coordinator,
        "surveys": [
            (s, rules.survey_window(s), [(g, g.responses_by_survey.get(s.pk)) for g in groups])
            for s in surveys
        ],
        "groups": groups,
        "form": form,
    }
    return render(request, "survey/groups.html", context)


def _get_group(coordinator, pk):
    group = selectors.group_of_organisation(coordinator.organisation_id, pk)
    if group is None or not group.active:
        raise Http404
    return group


@require_POST
@coordinator_required
def group_send(request, coordinator, pk, survey_id):
    """Send the group its link (again)."""
    group = _get_group(coordinator, pk)
    survey = Survey.objects.filter(
        pk=survey_id, cycle_id=coordinator.cycle_id, published=True
    ).first()
    if survey is None:
        raise Http404
    try:
        sent = services.links_send(survey=survey, groups=[group])
    except services.SurveyError as error:
        messages.error(request, error_words(error))
    else:
        if sent:
            messages.success(
                request,
                _("The link is on its way to %(email)s.") % {"email": group.contact_email},
            )
        else:
            messages.error(request, _("The survey no longer takes answers from this group."))
    return redirect(reverse("survey:groups") + f"#group-{group.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
@coordinator_required
def group_edit(request, coordinator, pk):
    group = _get_group(coordinator, pk)
    form = GroupForm(
        request.POST or None, initial={"name": group.name, "contact_email": group.contact_email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, **form.cleaned_data)
        except services.SurveyError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The group is saved."))
            return redirect(reverse("survey:groups") + f"#group-{group.pk}")
    return render(
        request,
        "survey/group_edit.html",
        {"coordinator": coordinator, "group": group, "form": form},
    )


# --- The public summary ------------------------------------------------------------------------


@require_safe
@public_page(depends_on=survey_results.RESULTS_DEPEND_ON)
def public_results(request, year: int):
    """The published summary of a cycle's survey: the indicator values and each question's
    answers (no free text), by organisation category, small groups suppressed."""
    cycle = cycle_selectors.cycle_get_published(year=year)
    if cycle is None:
        raise Http404
    published = [
        s for s in selectors.surveys_for_cycle(cycle.pk) if survey_results.public_results(s)
    ]
    if not published:
        raise Http404
    survey = published[0]
    context = {
        "cycle": cycle,
        "survey": survey,
        "results": SimpleLazyObject(
            lambda: survey_results.survey_results(survey, with_texts=False)
        ),
        "results_version": survey_results.results_version(),
        "public": True,
        "preliminary": rules.preliminary_words(survey) if survey.results_preliminary else "",
    }
    return render(request, "survey/public_results.html", context)
