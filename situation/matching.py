"""Which names of networks and forums are the same: organisations write one network in many
ways ("Region Värmlands kompetensnätverk", "RV kompetensnätverket", "Kompetensnätverk –
Region Värmland"), and the lägesbild should see one network.

A name is matched in two steps:

1. :func:`written` — the name as written, with case, spacing, punctuation and hyphens
   evened out and "&" read as "och". Staff's choices (:class:`~situation.models.NameChoice`)
   are keyed by this form.
2. :func:`key` — the words that name the network: common abbreviations written out
   (:data:`ABBREVIATIONS`), a few word forms made one (:data:`ENDINGS`, :data:`WORDS`),
   little words left out (:data:`LITTLE_WORDS`), and the words sorted, so that the order they
   come in does not matter. Names with the same key are one group.

Staff may overrule it for a name as written: merge it into another group, or split it out
on its own (:func:`group_of`). The lists are short on purpose: a match staff cannot explain
is worse than one they make by hand.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import NameChoice

# Abbreviations written out (a word of its own, after case and punctuation are evened out).
ABBREVIATIONS = {
    "rv": "region värmland",
    "lst": "länsstyrelsen",
    "lsv": "länsstyrelsen värmland",
    "kau": "karlstads universitet",
    "af": "arbetsförmedlingen",
    "nw": "nätverk",
    "nätv": "nätverk",
}
# Word forms made one: a word ending so (definite, plural, genitive) reads as its base form.
ENDINGS = [
    ("nätverket", "nätverk"),
    ("nätverkets", "nätverk"),
    ("nätverken", "nätverk"),
    ("forumet", "forum"),
    ("forumets", "forum"),
    ("rådet", "råd"),
    ("gruppen", "grupp"),
    ("plattformen", "plattform"),
    ("kommunerna", "kommun"),
    ("kommunernas", "kommun"),
    ("kommuner", "kommun"),
    ("kommunens", "kommun"),
    ("kommunen", "kommun"),
]
# Whole words made one.
WORDS = {
    "värmlands": "värmland",
    "regionens": "region",
    "regionen": "region",
    "länsstyrelsens": "länsstyrelsen",
    "universitetet": "universitet",
}
# Words that never tell two networks apart ("s" is what is left of "RV:s").
LITTLE_WORDS = {"i", "för", "och", "av", "på", "om", "med", "till", "en", "ett", "s"}
LITTLE_WORDS |= {"the", "of", "and"}

_PUNCTUATION = re.compile(r"[^\w]+")


def written(name: str) -> str:
    """The name as written, evened out: "Region Värmland – Nätverk & forum" → "region
    värmland nätverk och forum"."""
    text = (name or "").lower().replace("&", " och ").replace("_", " ")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _word(word: str) -> str:
    if word in WORDS:
        return WORDS[word]
    for ending, base in ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + base
    return word


def key(name: str) -> str:
    """The words naming the network, in a fixed order: equal keys, one network."""
    words = []
    for word in written(name).split():
        words.extend(ABBREVIATIONS.get(word, word).split())
    kept = {_word(w) for w in words if w not in LITTLE_WORDS}
    return " ".join(sorted(kept))


def group_of(name: str, choices: dict[str, str]) -> str:
    """The group a name belongs to: staff's choice for it as written, else its key."""
    return choices.get(written(name)) or key(name)


def choices() -> dict[str, str]:
    """Staff's choices: the group of each name as written (one query)."""
    return dict(NameChoice.objects.values_list("written", "group"))


@dataclass
class Group:
    """Names that are one network or forum: its key and the names as organisations wrote
    them (each once, in the order first met)."""

    key: str
    names: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The name most often written (the first of those equally often)."""
        return self.names[0] if self.names else self.key


def group_names(names, chosen: dict[str, str] | None = None) -> dict[str, Group]:
    """The names by group (its key), each name as written once."""
    chosen = choices() if chosen is None else chosen
    groups: dict[str, Group] = {}
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        group = groups.setdefault(group_of(name, chosen), Group(group_of(name, chosen)))
        if name not in group.names:
            group.names.append(name)
    return groups


# --- Staff's word on a match -------------------------------------------------------------------


@transaction.atomic
def name_merge(*, name: str, into: str, user=None) -> NameChoice:
    """``name`` belongs to the group of ``into`` (another name, as written by someone)."""
    target = group_of(into, choices())
    choice, _created = NameChoice.objects.update_or_create(
        written=written(name), defaults={"group": target, "decided_by": _user(user)}
    )
    return choice


@transaction.atomic
def name_split(*, name: str, user=None) -> NameChoice:
    """``name`` is a network of its own: in a group nobody else is matched into."""
    own = f"={written(name)}"
    choice, _created = NameChoice.objects.update_or_create(
        written=written(name), defaults={"group": own, "decided_by": _user(user)}
    )
    return choice


@transaction.atomic
def name_choice_undo(*, name: str) -> int:
    """Back to the rules for ``name``."""
    deleted, _ = NameChoice.objects.filter(written=written(name)).delete()
    return deleted


def _user(user):
    return user if isinstance(user, get_user_model()) and user.pk else None
