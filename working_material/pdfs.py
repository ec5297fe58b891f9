"""The compilation ("sammanställning") as a PDF, per challenge or for the whole cycle: laid
out for reading at the workshop — organisation by organisation, entries grouped by type, the
reflections quoted."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind

from . import selectors
from .models import WorkingMaterial


def compilation_words(parameters: dict) -> str:
    """A compilation's job in words: "Arbetsmaterial 2027: kompetensförsörjning …"."""
    material = WorkingMaterial.objects.select_related("cycle").get(pk=parameters["material_id"])
    challenge = material.challenges.filter(challenge_id=parameters.get("challenge_id")).first()
    return f"{material}: {challenge}" if challenge else str(material)


@pdf_kind(
    "working_material_compilation",
    _("Compilation of the working material"),
    about=compilation_words,
)
def compilation_pdf(job, progress):
    material = WorkingMaterial.objects.select_related("cycle").get(pk=job.parameters["material_id"])
    only = job.parameters.get("challenge_id")
    parts = []
    items = selectors.challenges_of(material)
    for number, item in enumerate(items, start=1):
        if only and item.challenge_id != only:
            continue
        answers, counts = selectors.compilation(material, item.challenge_id)
        parts.append({"item": item, "answers": answers, "counts": counts})
        progress(int(80 * number / max(len(items), 1)))
    pdf = render_pdf(
        "pdf/working_material_compilation.html",
        {"material": material, "parts": parts, "now": timezone.now(), "whole": not only},
    )
    suffix = f"-{only}" if only else ""
    return f"sammanstallning-{material.cycle.year}{suffix}.pdf", pdf
