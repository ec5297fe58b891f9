"""Staff's side of the working material: the material and its guiding questions, the
organisations' answers (editable by staff also after the deadline), and the compilation per
challenge — a page with filters, an XLSX export and PDFs made in the background."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib import pdf_jobs, staff_frame
from arshjul.lib.admin_helpers import pdf_jobs_followed
from arshjul.lib.exports import xlsx_response
from arshjul.lib.page_cache import versions_of
from arshjul.models import Organisation

from . import selectors
from .models import Answer, Entry, GuidingQuestions, Reflection, WorkingMaterial


class GuidingQuestionsInline(admin.StackedInline):
    model = GuidingQuestions
    extra = 0
    fields = ["position", "challenge", "questions"]


@admin.register(WorkingMaterial)
class WorkingMaterialAdmin(admin.ModelAdmin):
    list_display = ["__str__", "closes_at", "published", "compilations"]
    fields = ["cycle", "introduction", "closes_at", "published"]
    inlines = [GuidingQuestionsInline]

    @admin.display(description=_("compilation"))
    def compilations(self, obj):
        links = [
            (
                reverse("admin:working_material_compilation", args=[obj.pk, item.challenge_id]),
                str(item.challenge).capitalize(),
            )
            for item in obj.challenges.select_related("challenge")
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/sammanstallning/<int:challenge_id>/",
                view(self.compilation_view),
                name="working_material_compilation",
            ),
            path(
                "<int:pk>/sammanstallning/<int:challenge_id>/export.xlsx",
                view(self.export_view),
                name="working_material_export",
            ),
            path("<int:pk>/sammanstallning/pdf/", view(self.pdf_view), name="working_material_pdf"),
            *super().get_urls(),
        ]

    def _material(self, request, pk) -> WorkingMaterial:
        material = get_object_or_404(WorkingMaterial.objects.select_related("cycle"), pk=pk)
        if not self.has_view_permission(request, material):
            raise PermissionDenied
        return material

    def _item(self, material, challenge_id) -> GuidingQuestions:
        return get_object_or_404(
            material.challenges.select_related("challenge"), challenge_id=challenge_id
        )

    @staff_frame.kept_for_reader(depends_on=selectors.COMPILATION_DEPENDS_ON)
    def compilation_view(self, request, pk, challenge_id):
        """Every organisation's entries and reflections for one challenge (answers marked
        done), filtered by organisation category and entry type, with counts per type."""
        material = self._material(request, pk)
        challenges = selectors.challenges_of(material)
        item = next((c for c in challenges if c.challenge_id == challenge_id), None)
        if item is None:
            raise Http404
        category = request.GET.get("kategori", "")
        kind = request.GET.get("typ", "")
        if category not in Organisation.Category.values:
            category = ""
        if kind not in Entry.Kind.values:
            kind = ""
        context = {
            **staff_frame.each_context(self.admin_site, request),
            "opts": self.model._meta,
            "original": material,
            "title": gettext("Compilation: %(challenge)s") % {"challenge": item.challenge},
            "material": material,
            "item": item,
            "challenges": challenges,
            # Made only when the rendered compilation is not in the cache already (kept
            # under the versions of the rows it shows).
            "compiled": SimpleLazyObject(
                lambda: selectors.compilation_page(
                    material, challenge_id, category=category, kind=kind
                )
            ),
            "version": versions_of(selectors.COMPILATION_DEPENDS_ON),
            "categories": Organisation.Category.choices,
            "kinds": Entry.Kind.choices,
            "category": category,
            "kind": kind,
        }
        return TemplateResponse(request, "admin/working_material/compilation.html", context)

    def export_view(self, request, pk, challenge_id):
        material = self._material(request, pk)
        item = self._item(material, challenge_id)
        answers, _counts = selectors.compilation(material, challenge_id)
        header = [
            gettext("Organisation"),
            gettext("Category"),
            gettext("Type"),
            gettext("Name"),
            gettext("Text"),
            gettext("Who takes part"),
            gettext("Contact"),
            gettext("Link"),
        ]
        rows = []
        for answer in answers:
            organisation = [answer.organisation.name, answer.organisation.get_category_display()]
            for entry in answer.shown_entries:
                kind = entry.get_kind_display()
                rows.append([*organisation, kind, entry.name, entry.description])
                rows[-1] += [entry.participants, entry.contact, entry.link]
            for reflection in answer.reflections.all():
                if reflection.text:
                    rows.append(
                        [
                            *organisation,
                            reflection.get_kind_display(),
                            "",
                            reflection.text,
                            "",
                            "",
                            "",
                        ]
                    )
        name = f"arbetsmaterial-{material.cycle.year}-{item.challenge_id}.xlsx"
        return xlsx_response(name, header, rows, title=str(item.challenge)[:31])

    def pdf_view(self, request, pk):
        """Start the PDF of one challenge (``?utmaning=``) or of the whole cycle, and follow
        it on the PDF job's page."""
        material = self._material(request, pk)
        if request.method != "POST" or not self.has_change_permission(request, material):
            raise PermissionDenied
        parameters = {"material_id": material.pk}
        challenge_id = request.POST.get("challenge", "")
        if challenge_id.isdigit():
            parameters["challenge_id"] = self._item(material, int(challenge_id)).challenge_id
        job = pdf_jobs.pdf_job_start(
            kind="working_material_compilation", parameters=parameters, user=request.user
        )
        return pdf_jobs_followed([job])


class ReflectionInline(admin.StackedInline):
    model = Reflection
    extra = 0
    fields = ["kind", "text"]


class EntryInline(admin.StackedInline):
    model = Entry
    extra = 0
    fields = ["kind", "name", "description", "participants", "contact", "link"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """An organisation's answer for one challenge: staff may correct it, also after the
    deadline."""

    list_display = ["organisation", "challenge", "material", "status", "last_saved_at"]
    list_filter = ["material", "challenge", "status", "organisation__category"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "challenge", "material__cycle"]
    fields = ["material", "organisation", "challenge", "status", "last_saved_at", "last_saved_by"]
    readonly_fields = ["last_saved_at", "last_saved_by"]
    inlines = [EntryInline, ReflectionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj:
            return [*self.readonly_fields, "material", "organisation", "challenge"]
        return self.readonly_fields

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            instance.saved_at = timezone.now()
            instance.saved_by = request.user.get_username()
            if instance.pk:
                instance.version += 1
            instance.save()
        for gone in formset.deleted_objects:
            gone.delete()
