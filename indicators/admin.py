"""Staff's side of the indicators: the strategy's areas, goals and indicators, the places,
importing values (a spreadsheet or a Kolada file, previewed, all or nothing), fetching from
Kolada, and writing and publishing the status analysis."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib import imports, numbers
from arshjul.lib.admin_helpers import DomainErrorsAdminMixin, pdf_jobs_followed
from arshjul.lib.forms import error_words

from . import kolada, services
from .analysis import analysis_url
from .errors import ValuesError
from .models import (
    AnalysisSection,
    Area,
    Geography,
    Goal,
    Indicator,
    IndicatorValue,
    KoladaFetch,
)
from .values import ValueRowForm, check_value_rows

KOLADA_YEARS = 10  # fetched back from this year


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "area"]
    list_filter = ["area"]


@admin.register(Geography)
class GeographyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "area", "source", "unit", "direction"]
    list_filter = ["area", "source", "levels"]
    search_fields = ["code", "name", "kolada_kpi"]
    list_select_related = ["area"]
    actions = ["fetch_from_kolada"]

    @admin.action(description=_("Fetch the values from Kolada"), permissions=["change"])
    def fetch_from_kolada(self, request, queryset):
        this_year = timezone.localdate().year
        years = list(range(this_year - KOLADA_YEARS, this_year + 1))
        started = [
            services.kolada_fetch_start(indicator=indicator, years=years).indicator.code
            for indicator in queryset.filter(source=Indicator.Source.KOLADA)
        ]
        if not started:
            self.message_user(request, gettext("None of them comes from Kolada."), messages.WARNING)
            return
        self.message_user(
            request,
            gettext("Fetching %(codes)s from Kolada; see how it went under “%(list)s”.")
            % {"codes": ", ".join(started), "list": KoladaFetch._meta.verbose_name_plural},
            messages.SUCCESS,
        )


class ValuesUploadForm(imports.UploadForm):
    file = forms.FileField(
        label=_("Values (CSV, XLSX, or a JSON file from Kolada)"),
        help_text=_(
            "A spreadsheet's first row names the columns: Indikator, År, Geografi, Kön "
            "(T, K or M; empty: T), Värde, Källa. A Kolada file is the API's answer as it "
            "comes (one page, or a list of pages)."
        ),
    )
    # The values a Kolada file lacks (count, named), found by the check: said in the preview
    # and after the import, since they are left out.
    kolada_gaps = (0, "")

    def gaps_words(self, *, imported: bool = False) -> str:
        count, named = self.kolada_gaps
        if not count:
            return ""
        if imported:
            text = ngettext(
                "%(count)d value is missing in Kolada (%(named)s) and was not imported.",
                "%(count)d values are missing in Kolada (%(named)s) and were not imported.",
                count,
            )
        else:
            text = ngettext(
                "%(count)d value is missing in Kolada (%(named)s) and is not imported.",
                "%(count)d values are missing in Kolada (%(named)s) and are not imported.",
                count,
            )
        return text % {"count": count, "named": named}


def _check_values(form, name, content):
    if name.lower().endswith(".json"):
        try:
            values = kolada.read_pages(kolada.read_file(content))
        except ValuesError as error:
            raise imports.ImportFileError(error_words(error)) from error
        form.kolada_gaps = (sum(v.value is None for v in values), kolada.gaps_named(values))
        rows = _kolada_rows(values)
    else:
        rows = imports.read_rows(name, content, columns=ValueRowForm.COLUMNS)
    return _values_in_words(check_value_rows(rows))


def _kolada_rows(values: list[kolada.KoladaValue]) -> list[dict]:
    """A Kolada file's values as rows of our own form (gaps left out): checked like any
    file."""
    by_kpi = dict(Indicator.objects.exclude(kolada_kpi="").values_list("kolada_kpi", "code"))
    return [
        {
            "indicator": by_kpi.get(v.kpi, v.kpi),
            "year": str(v.period),
            "geography": v.municipality,
            "gender": v.gender,
            "value": str(v.value),
            "source": str(kolada.SOURCE_NOTE),
        }
        for v in values
        if v.value is not None
    ]


def _values_in_words(rows: list[imports.Row]) -> list[imports.Row]:
    """Each number the preview shows as it will be read on the pages ("83,4", "1 234,5"), with
    as many decimals as it came with; a row with errors shows what the file says."""
    for row in rows:
        value = row.form.cleaned_data.get("value") if not row.errors else None
        if value is not None:
            decimals = max(0, -value.as_tuple().exponent)
            row.values = {**row.values, "value": numbers.number_words(value, decimals)}
    return rows


def _save_values(form, rows) -> str:
    count = services.values_save(values=[row.form.new_value() for row in rows])
    done = ngettext("%(count)d value is imported.", "%(count)d values are imported.", count) % {
        "count": count
    }
    return " ".join(filter(None, [done, form.gaps_words(imported=True)]))


VALUES_IMPORT = imports.Import(
    title=_("Import values"),
    intro=_(
        "Values of the indicators from a spreadsheet, or from Kolada as a file downloaded "
        "from its API."
    ),
    upload_form=ValuesUploadForm,
    check=_check_values,
    save=_save_values,
    done_url=lambda form: reverse("admin:indicators_indicatorvalue_changelist"),
    submit_label=lambda count: (
        ngettext("Import %(count)d value", "Import %(count)d values", count) % {"count": count}
    ),
)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "geography", "year", "gender", "value", "source_note", "is_demo"]
    list_filter = ["indicator__area", "geography__level", "is_demo", "year"]
    search_fields = ["indicator__code", "indicator__name", "geography__name"]
    list_select_related = ["indicator", "geography"]
    change_list_template = "admin/indicators/indicatorvalue/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="indicators_indicatorvalue_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        response = imports.import_view(self, request, VALUES_IMPORT)
        if isinstance(response, TemplateResponse):  # the preview, saying what Kolada lacks
            response.template_name = "admin/indicators/indicatorvalue/import.html"
        return response


class AnalysisSectionInline(admin.StackedInline):
    model = AnalysisSection
    extra = 0
    fields = ["position", "challenge", "title", "text", "indicators"]
    autocomplete_fields = ["indicators"]


def _sections_posted(data) -> list[dict]:
    """The sections of a posted change form, in their order, without those marked for
    removal."""
    try:
        count = min(int(data.get("sections-TOTAL_FORMS", 0)), 1000)
    except ValueError:
        count = 0
    sections = []
    for n in range(count):
        prefix = f"sections-{n}-"
        if data.get(prefix + "DELETE"):
            continue
        title, text = data.get(prefix + "title", ""), data.get(prefix + "text", "")
        if not (title.strip() or text.strip()):
            continue
        try:
            position = int(data.get(prefix + "position") or 0)
        except ValueError:
            position = 0
        sections.append({"title": title, "text": text, "position": position, "n": n})
    return sorted(sections, key=lambda s: (s["position"], s["n"]))


class StatusAnalysisAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    """Registered in pages/admin.py, with each section's lägesbild beside its text."""

    list_display = ["title", "cycle", "stage", "published_at", "page"]
    list_filter = ["cycle", "stage"]
    fields = [
        "cycle",
        "stage",
        "title",
        "introduction",
        "summary",
        "recommendations",
        "published_at",
    ]
    readonly_fields = ["published_at"]
    inlines = [AnalysisSectionInline]
    actions = ["publish"]
    change_form_template = "admin/indicators/statusanalysis/change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.preview_view), name="indicators_statusanalysis_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The analysis's words as the page will show them, from the form as it stands (the
        change form's "Preview" button posts here, to a new tab): nothing is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Preview: %(title)s") % {"title": request.POST.get("title", "")},
            "analysis": {
                field: request.POST.get(field, "")
                for field in ["title", "introduction", "summary", "recommendations"]
            },
            "sections": _sections_posted(request.POST),
        }
        return TemplateResponse(request, "admin/indicators/statusanalysis/preview.html", context)

    @admin.display(description=_("page"))
    def page(self, obj):
        if obj.published_at is None or obj.published_at > timezone.now():
            return "–"
        url = analysis_url(obj)
        return format_html('<a href="{}">{}</a>', url, gettext("Show"))

    def has_publish_permission(self, request):
        return request.user.has_perm("indicators.publish_statusanalysis")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if not (change and changed):
            return
        analysis = services.analysis_changed(analysis=form.instance)
        if analysis.changed_at is not None and analysis.pdf_id:
            self.message_user(
                request,
                gettext(
                    "The published page shows the change now; its PDF is being made anew "
                    "and is served once it is ready."
                ),
                messages.INFO,
            )

    @admin.action(
        description=_("Publish (the page, the PDF and the work meeting's material)"),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        published = [
            services.analysis_publish(analysis=item) for item in queryset.select_related("cycle")
        ]
        count = len(published)
        self.message_user(
            request,
            ngettext(
                "%(count)d status analysis is published; its PDF is being made.",
                "%(count)d status analyses are published; their PDFs are being made.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return pdf_jobs_followed(analysis.pdf for analysis in published) if published else None


@admin.register(KoladaFetch)
class KoladaFetchAdmin(admin.ModelAdmin):
    """How each fetch from Kolada went (started from an indicator's action)."""

    list_display = ["indicator", "first_year", "last_year", "state", "values", "gaps", "created_at"]
    list_filter = ["state"]
    readonly_fields = ["indicator", "first_year", "last_year", "state", "values", "gaps"]
    readonly_fields += ["message", "created_at", "finished_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
