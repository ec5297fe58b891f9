"""The year's follow-up report with 60 organisations × 3 challenges × 20 working-material
entries and 12 workshop groups' notes: its queries (made anew and from the page cache), its
ratio to a bare view under gunicorn with and without the page cache, the time an answer is made
anew, and the report PDF's render time. (The lägesbild's page on the same data: bench/picture.py.)

The notes are one per challenge of the work meeting (the model's rule): the 12 groups' words
are spread over the 3 challenges' notes, 10 entries per group, each naming 2 organisations.
"""

import time
import urllib.request
import uuid

from . import server

ORGANISATIONS = 60
ENTRIES = 20  # per organisation and challenge
GROUPS = 12
GROUP_ENTRIES = 10
PEOPLE = 3  # per organisation and meeting
GOAL_PUBLIC = 0.5


def _fill():
    """The upcoming cycle with 60 organisations, each with 20 entries per challenge and 3
    people at each meeting (the year before too), the work meeting's notes, and its report
    published as a draft: compiled anew whenever the page is made (straight into the tables,
    then ANALYZE)."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from arshjul import demo
    from arshjul.lib import page_cache
    from arshjul.models import Cycle, Organisation
    from followup.models import Report
    from meetings.models import Meeting
    from registrations.models import Participant
    from working_material.models import Answer, Entry, WorkingMaterial
    from workshops.models import NoteEntry, Notes

    now = timezone.now()
    year = demo.upcoming_cycle_year(timezone.localdate())
    cycle = Cycle.objects.get(year=year)
    # municipalities are the 16 of the register (each with its code); the rest of other kinds
    categories = [c.value for c in Organisation.Category if c != "municipality"]
    have = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(name=f"Mätorganisation {n}", category=categories[n % len(categories)])
        for n in range(max(0, ORGANISATIONS - have))
    )
    organisations = list(Organisation.objects.order_by("pk")[:ORGANISATIONS])
    challenges = [c.challenge for c in cycle.cycle_challenges.select_related("challenge")]

    material, _ = WorkingMaterial.objects.get_or_create(
        cycle=cycle, defaults={"closes_at": now + datetime.timedelta(days=30), "published": True}
    )
    answers = {(a.organisation_id, a.challenge_id): a for a in material.answers.all()}
    Answer.objects.bulk_create(
        Answer(material=material, organisation=o, challenge=c, status="done")
        for o in organisations
        for c in challenges
        if (o.pk, c.pk) not in answers
    )
    kinds = [k.value for k in Entry.Kind]
    entries = []
    for answer in Answer.objects.filter(material=material, organisation__in=organisations):
        for n in range(ENTRIES):
            entries.append(
                Entry(
                    answer=answer,
                    kind=kinds[n % len(kinds)],
                    name=f"Nätverket för {answer.challenge.name[:40]} {n % 7}",
                    description="Ett initiativ som mätningen lägger till.",
                    saved_at=now,
                )
            )
    Entry.objects.bulk_create(entries)

    work = Meeting.objects.filter(cycle=cycle, kind=Meeting.Kind.WORK_MEETING).first()
    notes = [Notes.objects.get_or_create(meeting=work, challenge=c)[0] for c in challenges]
    note_kinds = [k.value for k in NoteEntry.Kind]
    made = NoteEntry.objects.bulk_create(
        NoteEntry(
            notes=notes[group % len(notes)],
            kind=note_kinds[(group + n) % len(note_kinds)],
            name=f"Grupp {group + 1}: {n + 1}",
            description="Det rummet lade till.",
            saved_at=now,
        )
        for group in range(GROUPS)
        for n in range(GROUP_ENTRIES)
    )
    NoteEntry.organisations.through.objects.bulk_create(
        NoteEntry.organisations.through(
            noteentry_id=entry.pk, organisation_id=organisations[(i + k) % len(organisations)].pk
        )
        for i, entry in enumerate(made)
        for k in range(2)
    )

    previous = Cycle.objects.filter(year__lt=year).order_by("-year").first()
    meetings = Meeting.objects.filter(cycle__in=[cycle, previous])
    Participant.objects.bulk_create(
        Participant(
            meeting=m, organisation=o, name=f"Deltagare {n}", email=f"p{n}.{o.pk}.{m.pk}@mat.test"
        )
        for m in meetings
        for o in organisations
        for n in range(PEOPLE)
    )
    report, _ = Report.objects.get_or_create(cycle=cycle)
    Report.objects.filter(pk=report.pk).update(
        published_at=now - datetime.timedelta(days=1), conclusions="Slutsatser för mätningen."
    )
    for model in (Organisation, Answer, Entry, Notes, NoteEntry, Participant, Report):
        page_cache.rows_changed(model)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return year, report


def _pdf_seconds(report) -> float:
    from followup.report import followup_report_pdf

    class Job:
        parameters = {"report_id": report.pk}

    started = time.perf_counter()
    followup_report_pdf(Job, lambda percent: None)
    return time.perf_counter() - started


def _made_anew_ms(url: str, times: int = 5) -> float:
    """The median time of an answer made anew (a new query string each time: never cached)."""
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{url}?n={uuid.uuid4().hex}", timeout=30) as answer:
            answer.read()
        spent.append((time.perf_counter() - started) * 1000)
    return sorted(spent)[len(spent) // 2]


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    year, report = _fill()
    print(f"machine: {server.machine()}")
    print(
        f"{ORGANISATIONS} organisations × 3 challenges × {ENTRIES} entries; {GROUPS} workshop "
        f"groups × {GROUP_ENTRIES} note entries; {PEOPLE} people per organisation and meeting"
    )
    pages = [
        ("the follow-up report", f"/arshjul/{year}/uppfoljningsrapport/"),
        ("(for comparison) the cycle's page", f"/arshjul/{year}/"),
    ]
    for cached in [False, True]:
        print()
        print("## with the page cache" if cached else "## without the page cache")
        with server.gunicorn(PAGE_CACHE="true" if cached else "false") as base:
            server.queries(base + "/bench/bare/")
            counts, anew = {}, {}
            for label, url in pages:
                server.queries(base + url)  # made, and kept if the cache is on
                counts[label] = (
                    server.queries(f"{base}{url}?n={uuid.uuid4().hex}"),
                    server.queries(base + url),
                )
                anew[label] = _made_anew_ms(base + url)
            rounds = []
            for _ in range(server.ROUNDS):
                loads = {"bare": server.wrk(base + "/bench/bare/")}
                for label, url in pages:
                    loads[label] = server.wrk(base + url)
                rounds.append(loads)
        print(
            "| page | ratio to a bare view, median (min) | goal | p50 / p99 ms | "
            "made anew, ms | queries: made / cached |"
        )
        print("|---|---|---|---|---|---|")
        for label, _url in pages:
            ratios = [r[label].per_second / r["bare"].per_second for r in rounds]
            median, lowest = server.median_and_min(ratios)
            middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
            flag = "ok" if lowest >= GOAL_PUBLIC else "below"
            made, from_cache = counts[label]
            errors = sum(r[label].errors for r in rounds)
            print(
                f"| {label} | {median:.2f} ({lowest:.2f}) | ≥ {GOAL_PUBLIC} {flag} | "
                f"{middle.p50_ms:.1f} / {middle.p99_ms:.1f} | {anew[label]:.0f} | "
                f"{made} / {from_cache if cached else '–'} |"
                + (f" {errors} errors" if errors else "")
            )
        rates = [r["bare"].per_second for r in rounds]
        middle = sorted(rounds, key=lambda r: r["bare"].per_second)[len(rounds) // 2]["bare"]
        print(
            f"\nthe bare view: {min(rates):.0f}–{max(rates):.0f} requests/s, "
            f"p50 / p99 {middle.p50_ms:.1f} / {middle.p99_ms:.1f} ms"
        )
    try:
        seconds = _pdf_seconds(report)
    except Exception as error:  # noqa: BLE001 - e.g. no Pango here: say so, keep the figures
        print(f"\nthe report PDF: not made ({error.__class__.__name__}: {error})")
    else:
        print(f"\nthe report PDF ({ORGANISATIONS} organisations): {seconds:.2f} s")
