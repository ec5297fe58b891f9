"""The lägesbild of a challenge with 60 organisations × 3 challenges × 20 entries and 12
workshop groups: its queries and the time it is made anew (compile.picture), staff's page,
the published page's ratio to a bare view under gunicorn from the page cache, and the PDF's
render time.
"""

import time
import uuid

from . import server

ORGANISATIONS = 60
ENTRIES = 20  # per organisation and challenge
GROUPS = 12  # workshop groups' notes (spread over the challenges)
GOAL_PUBLIC = 0.5


def _fill():
    """The upcoming cycle with 60 organisations answering every challenge with 20 entries,
    and 12 workshop groups' notes; its lägesbild published (straight into the tables)."""
    from django.db import connection
    from django.utils import timezone

    from arshjul import demo
    from arshjul.models import Coordinator, Cycle, Organisation
    from meetings.models import Meeting
    from situation import services
    from situation.models import Picture
    from working_material.models import Answer, Entry, Reflection, WorkingMaterial
    from workshops.models import NoteEntry, Notes

    year = demo.upcoming_cycle_year(timezone.localdate())
    cycle = Cycle.objects.get(year=year)
    material = WorkingMaterial.objects.get(cycle=cycle)
    challenges = list(cycle.challenges.all())
    have = list(Organisation.objects.all())
    new = Organisation.objects.bulk_create(
        Organisation(name=f"Bänkorganisation {n}", category="other")
        for n in range(max(0, ORGANISATIONS - len(have)))
    )
    organisations = (have + new)[:ORGANISATIONS]
    Coordinator.objects.bulk_create(
        Coordinator(cycle=cycle, organisation=o, name=f"Samordnare {o.pk}", email=f"s{o.pk}@x.se")
        for o in new
    )
    now = timezone.now()
    Answer.objects.filter(material=material).delete()
    answers = Answer.objects.bulk_create(
        Answer(material=material, organisation=o, challenge=c, status="done")
        for o in organisations
        for c in challenges
    )
    kinds = ["initiative", "network", "forum", "decision"]
    Entry.objects.bulk_create(
        Entry(
            answer=a,
            kind=kinds[n % 4],
            name=f"Nätverk {n % 7}" if kinds[n % 4] == "network" else f"Post {a.pk}-{n}",
            saved_at=now,
        )
        for a in answers
        for n in range(ENTRIES)
    )
    Reflection.objects.bulk_create(
        Reflection(answer=a, kind="create", text="Gemensam portal\nEtt analysråd", saved_at=now)
        for a in answers
    )
    meeting = Meeting.objects.filter(cycle=cycle, kind="work_meeting").first()
    for n in range(GROUPS):
        notes, _ = Notes.objects.get_or_create(meeting=meeting, challenge=challenges[n % 3])
        for kind in ["gap", "idea", "initiative"]:
            entry = NoteEntry.objects.create(
                notes=notes, kind=kind, name=f"{kind} {n}", saved_at=now
            )
            entry.organisations.set(organisations[n : n + 3])
    picture, _ = Picture.objects.get_or_create(cycle=cycle)
    services.picture_publish(picture=picture)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return cycle, picture, challenges[1]


def _made_anew(cycle) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from situation import compile

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        compile.picture(cycle)
        seconds = time.perf_counter() - started
    return len(captured), seconds


def _pdf_seconds(picture) -> float:
    from situation.pdfs import picture_pdf

    class Job:
        parameters = {"picture_id": picture.pk}

    started = time.perf_counter()
    picture_pdf(Job, lambda percent: None)
    return time.perf_counter() - started


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    server.prepare()
    cycle, picture, challenge = _fill()
    print(f"machine: {server.machine()}")
    count, seconds = _made_anew(cycle)
    print(
        f"{ORGANISATIONS} organisations × 3 challenges × {ENTRIES} entries, {GROUPS} groups: "
        f"the lägesbild made anew in {seconds * 1000:.0f} ms, {count} queries"
    )
    url = f"/arshjul/{cycle.year}/lagesbild/{challenge.pk}/"
    for cached in [False, True]:
        with server.gunicorn(PAGE_CACHE="true" if cached else "false") as base:
            server.queries(base + "/bench/bare/")
            queries = server.queries(f"{base}{url}?n={uuid.uuid4().hex}")
            server.queries(base + url)
            ratios = []
            for _ in range(server.ROUNDS):
                bare = server.wrk(base + "/bench/bare/")
                ratios.append(server.wrk(base + url).per_second / bare.per_second)
        median, lowest = server.median_and_min(ratios)
        flag = "ok" if lowest >= GOAL_PUBLIC else "below"
        words = "from the page cache" if cached else "without the page cache"
        print(
            f"the published lägesbild of a challenge {words}: ratio {median:.2f} ({lowest:.2f}), "
            f"goal ≥ {GOAL_PUBLIC} {flag}; {queries} queries"
        )
    try:
        print(f"the lägesbild's PDF: {_pdf_seconds(picture):.2f} s")
    except Exception as error:  # noqa: BLE001 - e.g. no Pango here: say so, keep the figures
        print(f"the lägesbild's PDF: not made ({error.__class__.__name__})")
