"""The wheel as an A3 poster: a PDF job per version of the cycle's steps (and the organiser's
identity, and the language), so that a poster is made once and then served as it is until a
step or the identity changes.
"""

import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from arshjul.lib import branding, pdf_jobs
from arshjul.lib.models import PdfJob
from arshjul.lib.pdf import render_pdf
from arshjul.lib.pdf_kinds import pdf_kind
from arshjul.models import Cycle
from arshjul.pdfs import cycle_words

from . import wheel

KIND = "wheel_poster"


def poster_version(cycle: Cycle, steps) -> str:
    """What the poster shows, as a short hash: the steps, the identity, the language."""
    shown = [
        [str(s.date), str(s.ends_on or ""), s.title, str(s.kind), s.url, s.label] for s in steps
    ]
    payload = json.dumps(
        [cycle.name, cycle.year, shown, branding.branding().version, translation.get_language()]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def poster_for(cycle: Cycle, steps) -> PdfJob:
    """The poster's job for the cycle as it is now: done, or queued now (once per version; a
    failed one is tried again)."""
    version = poster_version(cycle, steps)
    with transaction.atomic():
        # One row per version, whoever asks at the same moment (the cycle row is the lock).
        Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
        job = (
            PdfJob.objects.filter(
                kind=KIND, parameters__cycle_id=cycle.pk, parameters__version=version
            )
            .order_by("-pk")
            .first()
        )
        if job is None:
            language = translation.get_language() or settings.LANGUAGE_CODE
            return pdf_jobs.pdf_job_start(
                kind=KIND,
                parameters={"cycle_id": cycle.pk, "version": version, "language": language},
            )
    if job.state == PdfJob.State.FAILED:
        pdf_jobs.pdf_job_restart(job_id=job.pk)
        job.refresh_from_db()
    return job


@pdf_kind(KIND, _("Poster of the wheel (A3)"), about=cycle_words)
def wheel_poster(job, progress):
    """The wheel and the timeline side by side on A3 landscape, every link in full."""
    cycle = Cycle.objects.select_related("strategy").get(pk=job.parameters["cycle_id"])
    steps = wheel.steps_for(cycle)
    drawing = wheel.drawing(
        steps,
        link_for=lambda number, step: (
            reverse("cycle-detail", args=[cycle.year]) + f"#step-{number}"
        ),
        base=settings.SITE_URL.rstrip("/"),
    )
    progress(30)
    pdf = render_pdf(
        "pdf/wheel_poster.html",
        {
            "cycle": cycle,
            "steps": steps,
            "drawing": drawing,
            "site_url": settings.SITE_URL.rstrip("/"),
            "now": timezone.now(),
        },
        language=job.parameters.get("language", "sv"),
    )
    progress(95)
    return f"arshjul-{cycle.year}-affisch.pdf", pdf
