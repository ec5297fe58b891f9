"""What the home page and the cycle pages show from the apps.

Like the wheel's steps, apps contribute *parts* of these pages through one registry: a
provider takes the cycle and whether the page is the home page, and yields :class:`Part`
objects — a template of the app's and the context it needs — using a fixed number of
queries. The core page includes each part after the wheel, in the order the apps registered,
without knowing what is in it::

    from arshjul import cycle_pages
    cycle_pages.providers.register(meeting_parts)
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .lib.registry import Registry


@dataclass(frozen=True)
class Part:
    template: str
    context: dict = field(default_factory=dict)
    # When what the part says changes by itself (scheduled material appears): the page is
    # made anew then (arshjul.lib.page_cache.valid_until).
    valid_until: datetime.datetime | None = None


Provider = Callable[..., Iterable[Part]]  # provider(cycle, *, is_home: bool)
providers = Registry("part of the cycle pages")


def parts_for(cycle, *, is_home: bool) -> list[Part]:
    return [part for provider in providers for part in provider(cycle, is_home=is_home)]
