"""A *part* of a page that gathers apps (the home page, a cycle's page, a meeting's page): a
template of the app's and the context it needs, made in a fixed number of queries. Which
parts a page shows, in order, is said in :mod:`pages.cycle` (and, for a meeting's page, by
:data:`meetings.pages.detail_parts`)."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    template: str
    context: dict = field(default_factory=dict)
    # When what the part says changes by itself (scheduled material appears): the page is
    # made anew then (arshjul.lib.page_cache.valid_until).
    valid_until: datetime.datetime | None = None
