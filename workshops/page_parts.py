"""The workshop notes' part of the cycle pages (see arshjul.cycle_pages): the link to the
lessons from the work meeting, once staff have shared something."""

from arshjul.cycle_pages import Part

from . import selectors


def lessons_parts(cycle, *, is_home: bool):
    if is_home or not selectors.cycle_has_shared(cycle):
        return
    yield Part("workshops/includes/cycle_part.html", {"cycle": cycle})
