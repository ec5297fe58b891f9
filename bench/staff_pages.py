"""Staff's pages with a full year: the cycle's overview with 200 organisations (sign-ups,
invitations, leadership groups, the working material) and the compilation of the working
material (200 organisations × 3 challenges × 6 entries), against the view rendering
base.html, under gunicorn, signed in as an editor (Redaktör); their queries made anew and
kept, beside those of the same pages with 20 organisations.
"""

from . import server

ORGANISATIONS = 200
SMALL = 20
ENTRIES = 6  # per organisation and challenge
PEOPLE = 3  # sign-ups per organisation and meeting
GROUPS = 2  # leadership groups per organisation
GOAL_SIGNED_IN = 0.25


def _fill(count: int):
    """The upcoming cycle with ``count`` active organisations, each with a coordinator,
    sign-ups to the meetings coordinators register for, leadership groups (half of them
    submitted) and the working material answered with entries and reflections — straight
    into the tables."""
    from django.utils import timezone

    from arshjul import demo
    from arshjul.models import Coordinator, Cycle, Organisation
    from meetings.models import Meeting
    from registrations.models import Participant
    from survey.models import LeadershipGroup, Response, Survey
    from working_material.models import Answer, Entry, Reflection, WorkingMaterial

    year = demo.upcoming_cycle_year(timezone.localdate())
    cycle = Cycle.objects.get(year=year)
    have = list(Organisation.objects.filter(active=True).order_by("pk"))
    new = Organisation.objects.bulk_create(
        Organisation(name=f"Bänkorganisation {n:03}", category=["civil_society", "other"][n % 2])
        for n in range(max(0, count - len(have)))
    )
    organisations = (have + new)[:count]
    Organisation.objects.exclude(pk__in=[o.pk for o in organisations]).update(active=False)
    Coordinator.objects.bulk_create(
        Coordinator(cycle=cycle, organisation=o, name=f"Samordnare {o.pk}", email=f"s{o.pk}@x.se")
        for o in new
    )
    now = timezone.now()
    meetings = Meeting.objects.filter(
        cycle=cycle, participation=Meeting.Participation.COORDINATORS, cancelled_at__isnull=True
    )
    Participant.objects.filter(meeting__in=meetings).delete()
    Participant.objects.bulk_create(
        Participant(
            meeting=m,
            organisation=o,
            name=f"Deltagare {o.pk}-{n}",
            email=f"d{o.pk}-{m.pk}-{n}@x.se",
            status=Participant.Status.CONFIRMED,
        )
        for m in meetings
        for o in organisations[: len(organisations) * 3 // 4]
        for n in range(PEOPLE)
    )
    survey = Survey.objects.filter(cycle=cycle, published=True).first()
    groups = LeadershipGroup.objects.bulk_create(
        LeadershipGroup(organisation=o, name=f"Grupp {n}", contact_email="g@x.se")
        for o in new
        for n in range(GROUPS)
    )
    if survey:
        Response.objects.bulk_create(
            Response(survey=survey, group=g, status=Response.Status.SUBMITTED, submitted_at=now)
            for g in groups[::2]
        )
    material = WorkingMaterial.objects.get(cycle=cycle)
    material.published = True
    material.save()
    challenges = [item.challenge for item in material.challenges.select_related("challenge")]
    Answer.objects.filter(material=material).delete()
    answers = Answer.objects.bulk_create(
        Answer(
            material=material,
            organisation=o,
            challenge=c,
            status="done" if n % 10 else "draft",
            last_saved_at=now,
        )
        for n, o in enumerate(organisations)
        for c in challenges
    )
    kinds = ["initiative", "network", "forum", "decision"]
    Entry.objects.bulk_create(
        Entry(
            answer=a,
            kind=kinds[n % 4],
            name=f"Post {a.pk}-{n}",
            description="Ett samarbete mellan kommunen och regionen om kompetensförsörjning.",
            participants="Kommunen, regionen",
            contact="namn@example.org",
            link="https://example.org/",
            saved_at=now,
        )
        for a in answers
        for n in range(ENTRIES)
    )
    Reflection.objects.bulk_create(
        Reflection(answer=a, kind=kind, text="Gemensam portal\nEtt analysråd", saved_at=now)
        for a in answers
        for kind in ["create", "keep"]
    )
    # Bulk writes send no signal: the pages showing these rows are made anew, as after a save.
    from arshjul.lib.page_cache import rows_changed

    for model in [Organisation, Coordinator, Participant, LeadershipGroup, Response]:
        rows_changed(model)
    for model in [WorkingMaterial, Answer, Entry, Reflection]:
        rows_changed(model)
    return cycle, material, challenges[0]


def _editor_cookie() -> str:
    """A signed-in editor (in the Redaktör group, not a superuser)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from arshjul.roles import EDITOR

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=EDITOR))
    return server.staff_cookie(user)


def run():
    if problem := server.missing():
        print(f"skipped: {problem}")
        return
    from django.db import connection
    from django.urls import reverse

    server.prepare()
    cookie = _editor_cookie()
    print(f"machine: {server.machine()}")
    print()
    figures = {}
    for count in [SMALL, ORGANISATIONS]:
        cycle, material, challenge = _fill(count)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
        overview = reverse("admin:arshjul_cycle_dashboard", args=[cycle.pk])
        compilation = reverse(
            "admin:working_material_compilation", args=[material.pk, challenge.pk]
        )
        pages = [
            (f"cycle overview, {count} organisations", overview),
            (f"working-material compilation, {count} × 3 × {ENTRIES}", compilation),
        ]
        with server.gunicorn(PAGE_CACHE="true") as base:
            reference = "/bench/base-template/"
            server.queries(base + reference)
            # Made anew (the first look), then kept for this reader (the second).
            queries = {
                label: " / ".join(server.queries(base + url, [cookie]) for _ in range(2))
                for label, url in pages
            }
            if count == SMALL:
                figures.update({label: (queries[label], None) for label, _url in pages})
                continue
            rounds = []
            for _ in range(server.ROUNDS):
                loads = {"base": server.wrk(base + reference)}
                for label, url in pages:
                    loads[label] = server.wrk(base + url, headers=[cookie])
                rounds.append(loads)
            for label, _url in pages:
                figures[label] = (queries[label], rounds)
    print(
        "| page | queries, made anew / kept | ratio, median (min) | to | goal | p50 / p99 ms "
        "| errors |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, (queries, rounds) in figures.items():
        if rounds is None:
            print(f"| {label} | {queries} | – | | | | |")
            continue
        ratios = [r[label].per_second / r["base"].per_second for r in rounds]
        median, lowest = server.median_and_min(ratios)
        middle = sorted(rounds, key=lambda r: r[label].per_second)[len(rounds) // 2][label]
        flag = "ok" if lowest >= GOAL_SIGNED_IN else "BELOW"
        errors = sum(r[label].errors for r in rounds)
        print(
            f"| {label} | {queries} | {median:.2f} ({lowest:.2f}) | base.html view | "
            f"≥ {GOAL_SIGNED_IN} {flag} | {middle.p50_ms:.0f} / {middle.p99_ms:.0f} | {errors} |"
        )
