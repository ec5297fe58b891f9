"""A meeting's participant list and name badges for 1,000 participants, made as the PDF jobs
make them (the queries, the template, our URL fetcher): seconds and peak Python memory, and
the ratio to WeasyPrint directly on the same HTML.
"""

import io
import uuid

import pypdf

from .pdf_render import measure

PARTICIPANTS = 1000


def _meeting():
    """A throwaway meeting in the benchmark's database with 1,000 confirmed participants
    from the demo's organisations (straight into the table)."""
    from django.utils import timezone

    from arshjul import demo
    from arshjul.models import Cycle, Organisation
    from meetings.models import Meeting
    from registrations.models import Participant

    cycle = Cycle.objects.get(year=demo.upcoming_cycle_year(timezone.localdate()))
    groups = [item.challenge for item in cycle.cycle_challenges.select_related("challenge")]
    organisations = list(Organisation.objects.all())
    meeting = Meeting.objects.create(
        cycle=cycle,
        title="Benchmark-möte",
        slug=f"bench-{uuid.uuid4().hex[:8]}",
        date=timezone.localdate(),
        has_workshop_groups=True,
    )
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            organisation=organisations[n % len(organisations)],
            name=f"Deltagare Åström-Öberg {n}",
            email=f"bench{n}@example.org",
            role="Utvecklingsstrateg",
            workshop_group=groups[n % len(groups)] if groups else None,
            status=Participant.Status.CONFIRMED,
        )
        for n in range(PARTICIPANTS)
    )
    return meeting


def run():
    from . import server

    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()  # a fresh database with the demo
    import weasyprint
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import timezone

    from arshjul.lib import pdf
    from registrations import documents

    meeting = _meeting()
    stylesheet = (settings.BASE_DIR / "static" / "css" / "pdf.css").as_uri()
    try:
        for kind, template, context_of in [
            ("participant list", "pdf/participant_list.html", documents.participant_list_context),
            ("name badges", "pdf/name_badges.html", documents.name_badges_context),
        ]:
            # As the job does: the rows read, then the template rendered to PDF.
            def ours(template=template, context_of=context_of):
                context = {"meeting": meeting, "now": timezone.now(), **context_of(meeting)}
                return pdf.render_pdf(template, context)

            context = {"meeting": meeting, "now": timezone.now(), **context_of(meeting)}
            html = render_to_string(template, context).replace(
                'href="/static/css/pdf.css"', f'href="{stylesheet}"'
            )
            ours_figures = measure(ours)
            direct = measure(
                lambda html=html: weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
            )
            pages = len(pypdf.PdfReader(io.BytesIO(ours_figures[2])).pages)
            print(
                f"{kind:16}: {PARTICIPANTS} participants, {pages} pages | ours "
                f"{ours_figures[0]:5.2f} s, peak {ours_figures[1] / 2**20:5.0f} MiB | WeasyPrint "
                f"directly {direct[0]:5.2f} s, peak {direct[1] / 2**20:5.0f} MiB | ratio "
                f"{ours_figures[0] / direct[0]:4.2f}"
            )
    finally:
        meeting.delete()
