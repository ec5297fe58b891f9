"""Sorting names as a Swedish reader expects, without ICU: the alphabet a–z, then å, ä, ö (so
"Åberg" and "Öberg" come after "Zetterlund"), case ignored, accents read as their letter
("Émile" as E, "Müller" as "Myller" — ü is y in Swedish — "Bjørn" as "Björn").

A person is sorted by surname: the last word of the name ("Anna-Karin Lund" under L;
"Eva af Klint" under K, the particle left aside as Swedish lists do), then by the whole name.
The database's collation is not used: it differs between SQLite and PostgreSQL, and neither
puts Å, Ä and Ö last under every locale.
"""

import unicodedata

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
# Letters read as another letter of the Swedish alphabet (accents and Nordic neighbours).
READ_AS = {"ü": "y", "æ": "ä", "ø": "ö", "œ": "ö", "ß": "ss", "ð": "d", "þ": "th"}
_RANK = {letter: 10 + n for n, letter in enumerate(ALPHABET)}  # digits 0–9 before letters


def _letters(text: str) -> list[int]:
    ranks = []
    for char in text.casefold():
        if char in _RANK:
            ranks.append(_RANK[char])
        elif char.isdigit():
            ranks.append(int(char) if char.isascii() else 9)
        elif char in READ_AS:
            ranks += [_RANK[c] for c in READ_AS[char]]
        else:
            # "é" → "e": the base letter, its accent dropped (å, ä and ö are caught above).
            base = unicodedata.normalize("NFD", char)[0]
            if base in _RANK:
                ranks.append(_RANK[base])
            # Anything else (spaces, hyphens, apostrophes) does not decide the order.
    return ranks


def swedish_key(text: str) -> tuple:
    """A sort key for ``text`` in Swedish alphabetical order (ties: the text itself)."""
    text = text or ""
    return (_letters(text), text.casefold(), text)


def surname(name: str) -> str:
    """The surname: the last word of the name ("Anna-Karin Lund" → "Lund")."""
    words = (name or "").split()
    return words[-1] if words else ""


def surname_key(name: str) -> tuple:
    """A sort key for a person's name: by surname, then first names, in Swedish order."""
    return (swedish_key(surname(name)), swedish_key(name))
