"""Path converters that accept one spelling of a number only.

Django's ``<int:…>`` takes any digits, so ``/arshjul/2027/``, ``/arshjul/02027/`` and
``/arshjul/0002027/`` are one page under endless addresses — and the page cache keeps one copy
per address. These converters take only the number as the site writes it (no leading zero,
no more digits than the kind of number has); any other spelling matches no address: 404,
before any view or cache.
"""

from django.urls import register_converter
from django.urls.converters import get_converters


class YearConverter:
    """A year: four digits, the first not zero."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class IdConverter:
    """A row's id: no leading zero, at most 18 digits (a 64-bit id)."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def converters_register() -> None:
    """``<year:…>`` and ``<id:…>`` in every URLconf (once, from the core's ``ready()``)."""
    for name, converter in [("year", YearConverter), ("id", IdConverter)]:
        if name not in get_converters():
            register_converter(converter, name)
