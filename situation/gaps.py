"""The gaps of a challenge (glapp), found by rules staff can read. Each rule has a code, a
name and a short explanation shown on the lägesbild, and reads only the challenge's
:class:`~situation.selectors.Facts` (no query).

- **G1** An indicator linked to the challenge moves the wrong way (not the desired direction
  since the year before) and the organisations report few initiatives on the challenge — at
  most :data:`FEW_INITIATIVES`, the workshop's included — or none.
- **G2** A category of organisations taking part in the cycle (e.g. the municipalities, civil
  society) has no entry on the challenge: none of its organisations reports anything on it,
  nor is any named by the workshop.
- **G3** A structure that several organisations (:data:`SEVERAL` or more) want to create —
  one structure per line of their answer "Structures to create" — that no organisation
  reports having: no entry of a matching name (:mod:`situation.matching`) anywhere in the
  cycle.
- **G4** A gap the workshop named.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from working_material.models import Entry
from workshops.models import NoteEntry

from . import matching
from .selectors import Facts

FEW_INITIATIVES = 2  # G1: this many initiatives on the challenge, or fewer, are few
SEVERAL = 2  # G3: a structure this many organisations want


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    explanation: str


RULES = [
    Rule(
        "G1",
        gettext_lazy("An indicator goes the wrong way"),
        gettext_lazy(
            "An indicator linked to the challenge moved away from the desired direction since "
            "the year before, and the organisations report %(few)d initiatives or fewer on the "
            "challenge."
        ),
    ),
    Rule(
        "G2",
        gettext_lazy("A category of organisations is absent"),
        gettext_lazy(
            "None of the organisations of a category taking part in the cycle reports anything "
            "on the challenge, nor did the workshop name one."
        ),
    ),
    Rule(
        "G3",
        gettext_lazy("A structure is wanted that nobody has"),
        gettext_lazy(
            "%(several)d organisations or more want to create a structure (one per line of "
            "“Structures to create”) that no organisation reports having."
        ),
    ),
    Rule(
        "G4",
        gettext_lazy("The workshop named a gap"),
        gettext_lazy("A gap the workshop group on the challenge wrote down."),
    ),
]
BY_CODE = {rule.code: rule for rule in RULES}


def rules_in_words() -> list[dict]:
    """Each rule's code, name and explanation, as the page shows them."""
    numbers = {"few": FEW_INITIATIVES, "several": SEVERAL}
    return [
        {"rule": r.code, "label": str(r.label), "explanation": str(r.explanation) % numbers}
        for r in RULES
    ]


def _gap(code: str, text: str, **more) -> dict:
    return {"rule": code, "rule_label": str(BY_CODE[code].label), "text": text, **more}


def initiatives(facts: Facts) -> int:
    kind = Entry.Kind.INITIATIVE
    return sum(1 for item in facts.entries + facts.workshop if item.kind == kind)


def g1_indicator_wrong_way(facts: Facts) -> list[dict]:
    count = initiatives(facts)
    if count > FEW_INITIATIVES:
        return []
    found = []
    for series in facts.series:
        if series.is_desired is not False:
            continue
        words = {
            "indicator": series.indicator.name,
            "trend": series.trend_words,
            "count": count,
        }
        if count:
            text = ngettext(
                "%(indicator)s: %(trend)s, and only %(count)d initiative on the challenge.",
                "%(indicator)s: %(trend)s, and only %(count)d initiatives on the challenge.",
                count,
            )
        else:
            text = _("%(indicator)s: %(trend)s, and no initiative on the challenge.")
        found.append(_gap("G1", text % words, indicator=series.indicator.code))
    return found


def g2_category_absent(facts: Facts) -> list[dict]:
    present = {o.category for item in facts.entries for o in item.organisations}
    present |= {
        o.category
        for item in facts.workshop
        for o in item.organisations
        if item.kind not in {NoteEntry.Kind.GAP, NoteEntry.Kind.IDEA}
    }
    found = []
    for category, organisations in facts.taking_part.items():
        if category in present or not organisations:
            continue
        label = organisations[0].category_label
        text = ngettext(
            "No organisation of the category “%(category)s” reports anything on the challenge "
            "(%(count)d takes part in the cycle).",
            "No organisation of the category “%(category)s” reports anything on the challenge "
            "(%(count)d take part in the cycle).",
            len(organisations),
        ) % {"category": label, "count": len(organisations)}
        found.append(_gap("G2", text, category=category))
    return found


def g3_structure_nobody_has(facts: Facts) -> list[dict]:
    wanted: dict[str, dict] = {}
    for named, line in facts.wanted:
        group = matching.group_of(line, facts.choices)
        item = wanted.setdefault(group, {"name": line, "by": {}})
        item["by"].setdefault(named.id or named.name, named.name)
    found = []
    for group, item in wanted.items():
        by = sorted(item["by"].values())
        if len(by) < SEVERAL or group in facts.reported_names:
            continue
        text = _("%(structure)s: wanted by %(organisations)s; no organisation reports having it.")
        found.append(_gap("G3", text % {"structure": item["name"], "organisations": ", ".join(by)}))
    return found


def g4_workshop_gaps(facts: Facts) -> list[dict]:
    found = []
    for item in facts.workshop:
        if item.kind != NoteEntry.Kind.GAP:
            continue
        text = f"{item.name}: {item.description}" if item.description else item.name
        named = ", ".join(o.name for o in item.organisations)
        found.append(_gap("G4", text, organisations=named))
    return found


def gaps(facts: Facts) -> list[dict]:
    """Every gap of the challenge, rule by rule."""
    return [
        *g1_indicator_wrong_way(facts),
        *g2_category_absent(facts),
        *g3_structure_nobody_has(facts),
        *g4_workshop_gaps(facts),
    ]
