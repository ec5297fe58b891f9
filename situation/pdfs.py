"""The published lägesbild as a PDF (tagged, as every PDF of Årshjul): each challenge with its
indicators, what organisations do, its gaps and its matches — the organisations named, their
coordinators not (the PDF is public material of the direction meeting)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind

from . import compile
from .models import Picture
from .network import challenge_context


def picture_words(parameters: dict) -> str:
    return str(Picture.objects.select_related("cycle").get(pk=parameters["picture_id"]))


@pdf_kind("situation_picture", _("Lägesbild"), about=picture_words)
def picture_pdf(job, progress):
    picture = Picture.objects.select_related("cycle").get(pk=job.parameters["picture_id"])
    data = compile.without_contacts(picture.snapshot or compile.picture(picture.cycle))
    progress(30)
    parts = [challenge_context(data, c, contacts=False) for c in data["challenges"]]
    published = parse_datetime(data["published_at"]) if data.get("published_at") else None
    pdf = render_pdf(
        "pdf/situation_picture.html",
        {
            "picture": picture,
            "data": data,
            "parts": parts,
            "published": published,
            "now": timezone.now(),
        },
    )
    return f"lagesbild-{picture.cycle.year}.pdf", pdf
