"""The survey's PDF: a group's receipt, with every answer as submitted."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind

from .models import Response
from .selectors import answers_of, sections_of


def response_words(parameters: dict) -> str:
    """A receipt's job in words: "Ledningsgrupp, Kils kommun – Ledningsenkäten (2027)"."""
    response = Response.objects.select_related("survey__cycle", "group__organisation").get(
        pk=parameters["response_id"]
    )
    return f"{response.group} – {response.survey}"


@pdf_kind("survey_receipt", _("Receipt of a survey response"), about=response_words)
def survey_receipt(job, progress):
    response = Response.objects.select_related("survey__cycle", "group__organisation").get(
        pk=job.parameters["response_id"]
    )
    answers = answers_of(response)
    rows = [
        (
            item.section,
            [
                (q, q.value_label(answers[q.pk].value) if q.pk in answers else "")
                for q in item.questions
            ],
        )
        for item in sections_of(response.survey)
    ]
    progress(30)
    pdf = render_pdf(
        "pdf/survey_receipt.html",
        {"response": response, "survey": response.survey, "rows": rows, "now": timezone.now()},
    )
    return f"kvitto-{response.survey.cycle.year}-{response.pk}.pdf", pdf
