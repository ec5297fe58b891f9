"""Staff's side of the survey: the questions (frozen once answered), the groups, sending the
links in bulk, following who has answered, reopening, more time, a new link, the results and
the exports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul import deadlines
from arshjul.lib import confirm, staff_frame
from arshjul.lib.admin_helpers import DomainErrorsAdminMixin, ReadOnlyHistoryAdmin
from arshjul.lib.exports import csv_response, xlsx_response
from arshjul.lib.forms import error_words

from . import exports, rules, services
from . import results as survey_results
from .models import Answer, LeadershipGroup, Question, Response, Section, Survey


class FrozenQuestionsMixin:
    """Questions and sections stay as the groups answered them (services.questions_frozen)."""

    def _frozen(self, obj) -> bool:
        survey = obj if isinstance(obj, Survey) else getattr(obj, "survey", None)
        return survey is not None and services.questions_frozen(survey)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FrozenInlineMixin(FrozenQuestionsMixin):
    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)


class SectionInline(FrozenInlineMixin, admin.TabularInline):
    model = Section
    fields = ["position", "title", "description"]
    extra = 0
    show_change_link = True


class QuestionInline(FrozenInlineMixin, admin.StackedInline):
    model = Question
    extra = 0
    fieldsets = [
        (None, {"fields": ["position", "kind", "text", "help_text", "required"]}),
        (_("Scale and alternatives"), {"fields": ["low_label", "high_label", "choices"]}),
        (
            _("Indicator"),
            {"fields": ["indicator_code", "indicator_rule", "indicator_choice"]},
        ),
    ]


@admin.register(Survey)
class SurveyAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    # Named with its year: two cycles' surveys are often named alike.
    list_display = [
        "__str__",
        "cycle",
        "opens_on",
        "closes_at",
        "published",
        "results_state",
        "follow_up",
    ]
    list_filter = ["cycle", "published"]
    list_select_related = ["cycle"]
    fields = [
        "cycle",
        "title",
        "introduction",
        "opens_on",
        "closes_at",
        "contact_email",
        "published",
        "results_published_at",
        "results_preliminary",
    ]
    # Results are made public only through the action, which asks first (results_publish).
    readonly_fields = ["results_published_at", "results_preliminary"]
    inlines = [SectionInline]
    actions = ["send_links", "publish_results", "copy"]

    @admin.display(description=_("results"))
    def results_state(self, obj):
        if obj.results_published_at is None:
            return gettext("Not public")
        if obj.results_preliminary:
            return gettext("Public, preliminary")
        return gettext("Public")

    @admin.display(description=_("follow-up"))
    def follow_up(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:survey_survey_rate", args=[obj.pk]),
            gettext("Response rate"),
            reverse("admin:survey_survey_results", args=[obj.pk]),
            gettext("Results"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        survey = self.get_object(request, object_id)
        if survey is not None and request.method == "GET" and services.questions_frozen(survey):
            messages.info(
                request,
                gettext(
                    "Groups have answered, so the questions are locked as they were asked. "
                    "To change them, copy the survey (an action in the list)."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_send_permission(self, request):
        return request.user.has_perm("survey.send_survey_links")

    def has_publish_permission(self, request):
        return request.user.has_perm("survey.publish_survey_results")

    @admin.action(
        description=_("Send the link to every active group that has not had it"),
        permissions=["send"],
    )
    def send_links(self, request, queryset):
        """First how many groups and the e-mail itself, then, confirmed, sent (each group's
        link once for one confirmation)."""
        surveys = list(queryset.select_related("cycle"))

        def send(sending):
            outcome = []
            for survey in surveys:
                groups = LeadershipGroup.objects.active().exclude(
                    responses__survey=survey, responses__link_sent_at__isnull=False
                )
                try:
                    sent = services.links_send(survey=survey, groups=groups, sending=sending)
                except services.SurveyError as error:
                    outcome.append((survey, None, error_words(error)))
                else:
                    outcome.append((survey, sent, ""))
            return outcome

        def confirmation(once):
            rehearsal = confirm.rehearse(lambda: send(once))
            refused = [f"{survey}: {error}" for survey, _sent, error in rehearsal.result if error]
            if not rehearsal.count:
                for words in refused:
                    self.message_user(request, words, messages.ERROR)
                self.message_user(
                    request,
                    gettext("No link to send: every active group that can answer has had it."),
                    messages.WARNING,
                )
                return None
            lead = [
                ngettext(
                    "%(survey)s: %(count)d group gets its personal link.",
                    "%(survey)s: %(count)d groups get their personal links.",
                    sent,
                )
                % {"survey": survey, "count": sent}
                for survey, sent, error in rehearsal.result
                if not error
            ]
            return confirm.Confirmation(
                title=gettext("Send the survey's links"),
                lead=lead,
                warnings=refused,
                button=ngettext("Send %(count)d link", "Send %(count)d links", rehearsal.count)
                % {"count": rehearsal.count},
                rehearsal=rehearsal,
            )

        def act(once):
            for survey, sent, error in send(once):
                if error:
                    self.message_user(request, f"{survey}: {error}", messages.ERROR)
                    continue
                self.message_user(
                    request,
                    ngettext(
                        "%(survey)s: %(count)d link is in the outbox.",
                        "%(survey)s: %(count)d links are in the outbox.",
                        sent,
                    )
                    % {"survey": survey, "count": sent},
                    messages.SUCCESS if sent else messages.WARNING,
                )

        return confirm.action_confirmed(self, request, queryset, confirmation=confirmation, act=act)

    @admin.action(
        description=_("Publish the results on the cycle's pages"), permissions=["publish"]
    )
    def publish_results(self, request, queryset):
        """Asks first, saying what becomes public; an open survey's results only as
        preliminary results (services.results_publish decides)."""
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Publish one survey's results at a time."), messages.WARNING
            )
            return None
        survey = queryset.select_related("cycle").get()
        final = not rules.results_refusal(survey, preliminary=False)
        # What is confirmed: final or preliminary results, as the page offered (the service
        # refuses final results of a survey that has opened again for a group since).
        variant = request.POST.get("variant") or ("final" if final else "preliminary")

        def confirmation(once):
            if survey.results_published_at is not None:
                self.message_user(request, _already_public(survey), messages.WARNING)
                return None
            refusal = rules.results_refusal(survey, preliminary=True)
            if refusal:
                self.message_user(request, f"{survey}: {refusal}", messages.ERROR)
                return None
            return _publish_confirmation(survey, preliminary=not final)

        def act(once):
            try:
                preliminary = variant == "preliminary"
                done = services.results_publish(survey=survey, preliminary=preliminary)
            except services.SurveyError as error:
                self.message_user(request, f"{survey}: {error_words(error)}", messages.ERROR)
                return
            if not done:
                self.message_user(request, _already_public(survey), messages.WARNING)
                return
            survey.refresh_from_db()
            if survey.results_preliminary:
                words = gettext(
                    "%(survey)s: the preliminary results are public. The indicators get their "
                    "values when the survey has closed."
                )
            else:
                words = gettext("%(survey)s: the results are public.")
            self.message_user(request, words % {"survey": survey}, messages.SUCCESS)

        return confirm.action_confirmed(
            self, request, queryset, confirmation=confirmation, act=act, variant=variant
        )

    @admin.action(description=_("Copy (to change questions that are locked)"), permissions=["add"])
    def copy(self, request, queryset):
        for survey in queryset.select_related("cycle"):
            copy = services.survey_copy(survey=survey)
            self.message_user(
                request,
                gettext("%(copy)s is made, unpublished: change its questions there.")
                % {"copy": copy.title},
            )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/results/", view(self.results_view), name="survey_survey_results"),
            path("<int:pk>/rate/", view(self.rate_view), name="survey_survey_rate"),
            path(
                "<int:pk>/export.<str:extension>",
                view(self.export_view),
                name="survey_survey_export",
            ),
            *super().get_urls(),
        ]

    def _survey(self, request, pk) -> Survey:
        survey = get_object_or_404(Survey.objects.select_related("cycle"), pk=pk)
        if not self.has_view_permission(request, survey):
            raise PermissionDenied
        return survey

    def _context(self, request, survey, title) -> dict:
        return {
            **staff_frame.each_context(self.admin_site, request),
            "opts": self.model._meta,
            "original": survey,
            "survey": survey,
            "title": title,
        }

    @staff_frame.kept_for_reader(depends_on=survey_results.RESULTS_DEPEND_ON)
    def results_view(self, request, pk):
        """Per question and per indicator, overall and by category, beside the previous
        cycle's values; small groups suppressed."""
        survey = self._survey(request, pk)
        context = {
            **self._context(request, survey, gettext("Results: %(survey)s") % {"survey": survey}),
            # Counted only when the rendered results are not in the cache already.
            "results": SimpleLazyObject(lambda: survey_results.survey_results(survey)),
            "results_version": survey_results.results_version(),
        }
        return TemplateResponse(request, "admin/survey/survey/results.html", context)

    def rate_view(self, request, pk):
        """How many groups were sent the link, have started and have submitted, by category,
        and each organisation's groups."""
        survey = self._survey(request, pk)
        table, total = survey_results.response_rate(survey)
        context = {
            **self._context(
                request, survey, gettext("Response rate: %(survey)s") % {"survey": survey}
            ),
            "table": table,
            "total": total,
            "groups": survey_results.groups_and_states(survey),
        }
        return TemplateResponse(request, "admin/survey/survey/rate.html", context)

    def export_view(self, request, pk, extension):
        """The submitted responses, one row per group (no contact details, no names)."""
        survey = self._survey(request, pk)
        if extension not in {"csv", "xlsx"}:
            raise Http404
        header, rows = exports.response_table(survey)
        filename = f"{slugify(survey.title)}-{survey.cycle.year}.{extension}"
        if extension == "csv":
            return csv_response(filename, header, rows)
        return xlsx_response(filename, header, rows, title=str(survey.cycle.year))


def _already_public(survey: Survey) -> str:
    if survey.results_preliminary:
        return gettext(
            "%(survey)s: the preliminary results are public already; they become final when "
            "the survey has closed."
        ) % {"survey": survey}
    return gettext("%(survey)s: the results are public already.") % {"survey": survey}


def _publish_confirmation(survey: Survey, *, preliminary: bool) -> confirm.Confirmation:
    """What publishing makes public: how many groups answered, each indicator's value."""
    _table, total = survey_results.response_rate(survey)
    answered = {"answered": total.submitted, "groups": total.groups}
    where = reverse("survey:results", args=[survey.cycle.year])
    page = gettext(
        "The results become public at %(page)s: each question's answers, overall and by "
        "category of organisation (where fewer than three answered, not shown), without the "
        "free-text answers."
    ) % {"page": where}
    if preliminary:
        closes = deadlines.day_words(rules.answers_close_at(survey))
        lead = [
            gettext(
                "%(survey)s is open: groups can answer until %(date)s, and %(answered)d of "
                "%(groups)d groups have answered so far. Until then its results can be "
                "published only as preliminary results."
            )
            % {"survey": survey, "date": closes, **answered},
            page,
            gettext(
                "The page then says “Preliminary results: %(answered)d of %(groups)d groups "
                "have answered, the survey closes %(date)s”. The indicators are not touched: "
                "they get their values when the survey has closed (by itself, within minutes)."
            )
            % {"date": closes, **answered},
        ]
        caption = gettext("The indicators' values today (not stored until the survey closes)")
        button = gettext("Publish preliminary results")
    else:
        lead = [
            gettext("%(answered)d of %(groups)d groups answered %(survey)s.")
            % {"survey": survey, **answered},
            page,
        ]
        caption = gettext("The survey's indicators get these values (none where too few answered)")
        button = gettext("Publish the results")
    rows = [
        [value.code, value.question.text, value.words()]
        for value in survey_results.indicator_values(survey).values()
    ]
    return confirm.Confirmation(
        title=gettext("Publish the results of %(survey)s") % {"survey": survey},
        lead=lead,
        button=button,
        table_caption=caption,
        table_header=[gettext("Indicator"), gettext("Question"), gettext("Value")],
        table_rows=rows,
    )


@admin.register(Section)
class SectionAdmin(FrozenQuestionsMixin, admin.ModelAdmin):
    """Reached from its survey: a section's questions."""

    fields = ["survey", "position", "title", "description"]
    inlines = [QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["survey"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "survey":  # a new section only where nobody has answered
            kwargs["queryset"] = Survey.objects.exclude(responses__answers__isnull=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return False  # listed with its survey, not on the admin's index


@admin.register(LeadershipGroup)
class LeadershipGroupAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organisation", "contact_email", "active"]
    list_filter = ["active", "organisation__category"]
    search_fields = ["name", "organisation__name", "contact_email"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "name", "contact_email", "active"]


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["question", "answer_shown", "saved_at", "saved_by", "version"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("answer"))
    def answer_shown(self, obj):
        return obj.question.value_label(obj.value)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question__section")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(DomainErrorsAdminMixin, ReadOnlyHistoryAdmin):
    """A group's response: follow it, give more time, reopen it, replace its link."""

    list_display = [
        "group",
        "organisation",
        "survey",
        "status",
        "link_sent_at",
        "last_saved_at",
        "submitted_at",
        "deadline_extended_to",
    ]
    list_filter = ["survey", "status", "group__organisation__category"]
    search_fields = ["group__name", "group__organisation__name"]
    list_select_related = ["group__organisation", "survey__cycle"]
    fields = [
        "survey",
        "group",
        "status",
        "link_sent_at",
        "started_at",
        "last_saved_at",
        "last_saved_by",
        "submitted_at",
        "submitted_by",
        "deadline_extended_to",
    ]
    inlines = [AnswerInline]
    actions = ["send_link_again", "replace_link", "reopen"]

    @admin.display(description=_("organisation"), ordering="group__organisation__name")
    def organisation(self, obj):
        return obj.group.organisation

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields if f != "deadline_extended_to"]

    def has_add_permission(self, request):
        return False  # a response comes with the group's link

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and request.user.has_perm(
            "survey.reopen_response"
        )

    def save_model(self, request, obj, form, change):
        services.deadline_extend(response=obj, until=form.cleaned_data.get("deadline_extended_to"))

    def has_send_permission(self, request):
        return request.user.has_perm("survey.send_survey_links")

    def has_reopen_permission(self, request):
        return request.user.has_perm("survey.reopen_response")

    @admin.action(description=_("Send the link again"), permissions=["send"])
    def send_link_again(self, request, queryset):
        sent = 0
        for response in queryset.select_related("survey__cycle", "group__organisation"):
            sent += services.links_send(survey=response.survey, groups=[response.group])
        self._sent(request, sent)

    @admin.action(
        description=_("Replace the link (the old one stops working) and send the new one"),
        permissions=["reopen"],
    )
    def replace_link(self, request, queryset):
        for response in queryset.select_related("survey__cycle", "group__organisation"):
            services.link_replace(response=response)
        self._sent(request, queryset.count())

    def _sent(self, request, count):
        self.message_user(
            request,
            ngettext(
                "%(count)d link is in the outbox.", "%(count)d links are in the outbox.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(
        description=_("Reopen for the group to change and submit again"), permissions=["reopen"]
    )
    def reopen(self, request, queryset):
        count = 0
        for response in queryset.filter(status=Response.Status.SUBMITTED):
            services.response_reopen(response=response)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d response is open again.", "%(count)d responses are open again.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
