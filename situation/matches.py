"""Where organisations can join forces on a challenge ("var vi kan kroka arm"), found by
rules staff can read, each with the organisations and their coordinators to contact. Like
:mod:`situation.gaps`, the rules read a challenge's :class:`~situation.selectors.Facts` only.

- **M1** Organisations that name the same network or forum: names matched after evening out
  case, spacing and common abbreviations (:mod:`situation.matching`), as staff merged or
  split them.
- **M2** Organisations with entries of the same type (initiatives, decisions, …) on the
  challenge; networks and forums are M1's.
- **M3** The workshop's ideas for working together, with the organisations it named.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from working_material.models import Entry
from workshops.models import NoteEntry

from . import matching
from .selectors import Facts, Named

NETWORKS = {Entry.Kind.NETWORK, Entry.Kind.FORUM}
SAME_TYPE = [Entry.Kind.INITIATIVE, Entry.Kind.DECISION, Entry.Kind.OTHER]


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    explanation: str


RULES = [
    Rule(
        "M1",
        gettext_lazy("The same network or forum"),
        gettext_lazy(
            "Organisations that name the same network or forum, its name matched after evening "
            "out case, spacing and common abbreviations (staff may merge or split names)."
        ),
    ),
    Rule(
        "M2",
        gettext_lazy("Entries of the same type"),
        gettext_lazy(
            "Organisations with entries of the same type on the challenge (initiatives, "
            "decisions, other); networks and forums are matched by name."
        ),
    ),
    Rule(
        "M3",
        gettext_lazy("The workshop's idea"),
        gettext_lazy("An idea for working together that the workshop group wrote down."),
    ),
]
BY_CODE = {rule.code: rule for rule in RULES}


def rules_in_words() -> list[dict]:
    return [
        {"rule": r.code, "label": str(r.label), "explanation": str(r.explanation)} for r in RULES
    ]


def _organisations(named: list[Named], facts: Facts) -> list[dict]:
    """Each organisation once (by id, else by name), with its coordinators to contact."""
    seen, found = set(), []
    for item in named:
        key = item.id or item.name
        if key in seen:
            continue
        seen.add(key)
        found.append(
            {
                "id": item.id,
                "name": item.name,
                "category": item.category_label,
                "contacts": list(facts.contacts.get(item.id, [])) if item.id else [],
            }
        )
    return sorted(found, key=lambda o: o["name"])


def _match(code: str, what: str, text: str, organisations: list[dict]) -> dict:
    return {
        "rule": code,
        "rule_label": str(BY_CODE[code].label),
        "what": what,
        "text": text,
        "organisations": organisations,
    }


def m1_same_network(facts: Facts) -> list[dict]:
    by_group: dict[str, list[tuple[str, Named]]] = {}
    for item in facts.entries + facts.workshop:
        if item.kind not in NETWORKS:
            continue
        for named in item.organisations:
            by_group.setdefault(matching.group_of(item.name, facts.choices), []).append(
                (item.name, named)
            )
    found = []
    for pairs in by_group.values():
        organisations = _organisations([named for _name, named in pairs], facts)
        if len(organisations) < 2:
            continue
        names = matching.group_names([name for name, _named in pairs], facts.choices)
        label = next(iter(names.values())).label
        written = sorted({name for name, _named in pairs})
        text = _("%(count)d organisations name it (written: %(names)s).") % {
            "count": len(organisations),
            "names": "; ".join(f"“{name}”" for name in written),
        }
        found.append(_match("M1", label, text, organisations))
    return sorted(found, key=lambda m: (-len(m["organisations"]), m["what"]))


def m2_same_type(facts: Facts) -> list[dict]:
    found = []
    labels = dict(Entry.Kind.choices)
    for kind in SAME_TYPE:
        items = [i for i in facts.entries + facts.workshop if i.kind == kind]
        organisations = _organisations([o for i in items for o in i.organisations], facts)
        if len(organisations) < 2:
            continue
        text = _("%(count)d organisations: %(names)s.") % {
            "count": len(organisations),
            "names": "; ".join(sorted({i.name for i in items})),
        }
        found.append(_match("M2", str(labels[kind]), text, organisations))
    return found


def m3_workshop_ideas(facts: Facts) -> list[dict]:
    return [
        _match("M3", item.name, item.description, _organisations(item.organisations, facts))
        for item in facts.workshop
        if item.kind == NoteEntry.Kind.IDEA
    ]


def matches(facts: Facts) -> list[dict]:
    """Every match on the challenge, rule by rule."""
    return [*m1_same_network(facts), *m2_same_type(facts), *m3_workshop_ideas(facts)]
