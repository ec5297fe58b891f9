"""The survey's part of the demo: every cycle's leadership survey with the four survey
indicators (ENK-1…ENK-4, our own wording) and two free-text questions; one leadership group
per organisation. The past cycle's groups have all answered and its results are published
(the "previous value" beside this year's); in the upcoming cycle the links are sent, some
groups have submitted, some have a draft, some have not started. Answers are made up, the
same on every run."""

import random

from django.utils import timezone
from django.utils.text import slugify

from arshjul import deadlines
from arshjul.demo import ensure
from arshjul.lib import tokens
from arshjul.models import Organisation

from .models import Answer, LeadershipGroup, Question, Response, Section, Survey

Kind, Rule = Question.Kind, Question.Rule
AGREE = {"low_label": "Instämmer inte alls", "high_label": "Instämmer helt"}

# (section, [(kind, text, fields)])
QUESTIONS = [
    (
        "Kompetensutveckling",
        [
            (
                Kind.YES_NO,
                "Har ledningsgruppen under året haft kompetensutveckling som knyter an till "
                "strategins insatsområden?",
                {
                    "help_text": "Till exempel en utbildning, ett seminarium eller ett studiebesök "
                    "om något av de fyra insatsområdena.",
                    "indicator_code": "ENK-1",
                    "indicator_rule": Rule.YES,
                },
            ),
            (
                Kind.YES_NO,
                "Finns det en skriftlig plan för ledningens egen kompetensutveckling?",
                {"indicator_code": "ENK-2", "indicator_rule": Rule.YES},
            ),
            (
                Kind.CHOICE,
                "Hur ofta tar ledningsgruppen upp Värmlandsstrategin på sina möten?",
                {
                    "choices": "Vid varje möte\nNågra gånger per år\nNågon gång per år\nAldrig",
                },
            ),
        ],
    ),
    (
        "Förändringsbenägenhet",
        [
            (
                Kind.SCALE,
                "Vår organisation uppmuntrar medarbetarna att pröva nya sätt att arbeta.",
                {**AGREE, "indicator_code": "ENK-3", "indicator_rule": Rule.SCALE_4_5},
            ),
            (
                Kind.YES_NO,
                "Har ni under året ändrat ett arbetssätt eller ett styrande dokument på grund av "
                "strategin eller nulägesanalysen?",
                {"indicator_code": "ENK-4", "indicator_rule": Rule.YES},
            ),
            (
                Kind.SCALE,
                "Vi har goda förutsättningar att samarbeta med andra organisationer i länet.",
                AGREE,
            ),
        ],
    ),
    (
        "Med egna ord",
        [
            (
                Kind.TEXT,
                "Vilken förändring i er organisation är ni mest stolta över i år?",
                {"required": False},
            ),
            (
                Kind.TEXT,
                "Vad skulle hjälpa er att bidra mer till strategins mål?",
                {"required": False},
            ),
        ],
    ),
]

INTRODUCTION = (
    "Fyra av Värmlandsstrategins indikatorer går inte att läsa ut ur statistiken: de handlar om "
    "kompetensutveckling och förändringsbenägenhet i det regionala ledarskapet. Därför frågar vi "
    "varje organisations ledningsgrupp eller styrelse.\n\n"
    "Svara gärna efter ett samtal i gruppen. Alla som har gruppens länk kan spara och fortsätta "
    "senare. Ni skickar in en gång för hela gruppen."
)

GROUP_NAMES = {"civil_society": "Styrelse", "cluster": "Styrelse"}
TEXTS = [
    "Vi har börjat ta fram gemensamma mål med grannkommunerna.",
    "Att vi provade nya mötesformer med näringslivet.",
    "Mer tid för samtal mellan organisationerna mellan mötena.",
    "Tydligare underlag om hur vi bidrar till indikatorerna.",
    "",
]


def seed_cycle(cycle, *, past: bool) -> int:
    organisations = list(Organisation.objects.active().order_by("name"))
    created = 0
    groups = []
    for organisation in organisations:
        group, new = ensure(
            LeadershipGroup,
            {"organisation": organisation},
            name=GROUP_NAMES.get(organisation.category, "Ledningsgrupp"),
            contact_email=f"ledningen@{slugify(organisation.name)}.example.org",
        )
        groups.append(group)
        created += new
    survey, new = ensure(
        Survey,
        {"cycle": cycle},
        title="Ledningsenkäten",
        introduction=INTRODUCTION,
        opens_on=deadlines.annual_deadline(cycle.year).date().replace(month=11, day=1),
        closes_at=deadlines.annual_deadline(cycle.year),
        contact_email="arshjul@regionvarmland.example.org",
        published=True,
        results_published_at=timezone.now() if past else None,
    )
    if not new:
        return created
    created += 1
    questions = []
    for position, (title, rows) in enumerate(QUESTIONS):
        section = Section.objects.create(survey=survey, title=title, position=position)
        for number, (kind, text, fields) in enumerate(rows):
            question = Question(section=section, position=number, kind=kind, text=text, **fields)
            question.full_clean()
            question.save()
            questions.append(question)
    created += len(questions) + len(QUESTIONS)
    created += _responses(survey, groups, questions, past=past)
    return created


def _responses(survey, groups, questions, *, past: bool) -> int:
    """Made-up answers: a little better each year, so that the indicators move."""
    rng = random.Random(survey.cycle.year)  # noqa: S311 - made-up answers, the same each run
    now = timezone.now()
    lean = 0.45 if past else 0.6
    responses, answers = [], []
    for index, group in enumerate(groups):
        # The upcoming cycle: every fourth submitted, every fourth a draft.
        state = "submitted" if past else ("submitted", "draft", "sent", "sent")[index % 4]
        response = Response(survey=survey, group=group, link_sent_at=now)
        tokens.personal_token(response, "survey")
        if state != "sent":
            response.started_at = response.last_saved_at = now
            response.last_saved_by = "Demo"
        if state == "submitted":
            response.status = Response.Status.SUBMITTED
            response.submitted_at, response.submitted_by = now, "Demo"
        responses.append((response, state))
    Response.objects.bulk_create([r for r, _state in responses])
    for response, state in responses:
        if state == "sent":
            continue
        answered = questions if state == "submitted" else questions[: len(questions) // 2]
        for question in answered:
            value = _made_up(question, rng, lean)
            if value:  # a free-text question left empty
                answers.append(
                    Answer(
                        response=response,
                        question=question,
                        value=value,
                        saved_at=now,
                        saved_by="Demo",
                    )
                )
    Answer.objects.bulk_create(answers)
    return len(responses) + len(answers)


def _made_up(question, rng, lean: float) -> str:
    if question.kind == Kind.YES_NO:
        return "yes" if rng.random() < lean else "no"
    if question.kind == Kind.SCALE:
        if rng.random() < 0.08:
            return Answer.DONT_KNOW
        return str(min(5, max(1, round(rng.gauss(2.6 + 2 * lean, 1)))))
    if question.kind == Kind.CHOICE:
        return str(rng.choice([1, 2, 2, 3, 3, 4]))
    return rng.choice(TEXTS)
