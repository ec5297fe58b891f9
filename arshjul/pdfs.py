"""The PDFs of the shared domain (each app adds its own in its documents.py)."""

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .lib.pdf import render_pdf
from .lib.pdf_kinds import pdf_kind
from .models import Coordinator, Cycle, category_rank


class CycleForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("Cycle"), queryset=Cycle.objects.order_by("-year"), empty_label=None
    )

    def to_parameters(self) -> dict:
        return {"cycle_id": self.cleaned_data["cycle"].pk}


def cycle_words(parameters: dict) -> str:
    """A job about a cycle, in words: "Årshjul 2027"."""
    return str(Cycle.objects.get(pk=parameters["cycle_id"]))


@pdf_kind("coordinator_list", _("Coordinators of a cycle"), form=CycleForm, about=cycle_words)
def coordinator_list(job, progress):
    """Every organisation's coordinator for one cycle, by category: for staff who call round."""
    cycle = Cycle.objects.prefetch_related(
        Prefetch(
            "coordinators",
            queryset=Coordinator.objects.select_related("organisation").order_by(
                category_rank("organisation__"), "organisation__name", "-is_lead", "name"
            ),
        )
    ).get(pk=job.parameters["cycle_id"])
    progress(20)
    pdf = render_pdf(
        "pdf/coordinator_list.html",
        {"cycle": cycle, "coordinators": cycle.coordinators.all(), "now": timezone.now()},
    )
    progress(95)
    return f"samordnare-{slugify(cycle.name)}.pdf", pdf
