"""The meetings' parts of the home and cycle pages (see pages.cycle): where to read about the
meetings and subscribe to the calendar, the latest material as news (home page only), and the
material for the whole cycle."""

from arshjul.cycle_pages import Part

from . import selectors


def meeting_parts(cycle, *, is_home: bool):
    # Scheduled material appears by itself: the page is made anew at that moment.
    scheduled = selectors.next_material_publication(cycle=None if is_home else cycle)
    yield Part("meetings/includes/cycle_links.html", {"cycle": cycle}, valid_until=scheduled)
    if is_home:
        news = selectors.material_news(limit=5)
        if news:
            yield Part("meetings/includes/news.html", {"news": news})
    materials = selectors.materials_for_cycle(cycle=cycle)
    if materials:
        yield Part("meetings/includes/cycle_materials.html", {"materials": materials})
