"""The lägesbild's part of the cycle pages (see arshjul.cycle_pages): a link to it once it is
published."""

from arshjul.cycle_pages import Part

from .models import Picture


def picture_parts(cycle, *, is_home: bool):
    # Not the snapshot: the whole published lägesbild, read and decoded for a link.
    published = (
        Picture.objects.filter(cycle=cycle, published_at__isnull=False).defer("snapshot").first()
    )
    if published is not None:
        yield Part("situation/includes/cycle_part.html", {"cycle": cycle, "picture": published})
