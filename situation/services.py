"""The lägesbild's writes: publishing it (what it shows is kept as the record, its PDF made
in the background and listed as material of the direction meeting)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib import pdf_jobs
from arshjul.lib.emails import absolute_url
from meetings.models import Material, Meeting

from . import compile
from .errors import PictureRefused
from .models import Picture

PDF_KIND = "situation_picture"


def picture_url(picture: Picture) -> str:
    return reverse("situation:index", args=[picture.cycle.year])


def picture_pdf_url(picture: Picture) -> str:
    return reverse("situation:pdf", args=[picture.cycle.year])


def direction_meeting(cycle) -> Meeting | None:
    """The cycle's direction meeting (by invitation), the first if there are several."""
    return (
        Meeting.objects.filter(cycle=cycle, kind=Meeting.Kind.DIRECTION_MEETING)
        .order_by("date", "pk")
        .first()
    )


def picture_publish(*, picture: Picture, user=None, now=None) -> Picture:
    """Publish the lägesbild as it stands now: what it shows is kept (``snapshot``) and is
    what the public pages, its PDF and the follow-up report read from now on, whatever
    changes later; published again, it is kept anew. Its PDF is made in the background and
    listed as material of the cycle's direction meeting."""
    now = now or timezone.now()
    with transaction.atomic():
        picture = Picture.objects.select_for_update().select_related("cycle").get(pk=picture.pk)
        data = compile.picture(picture.cycle)
        if not data["challenges"]:
            raise PictureRefused(
                _("The cycle has no focus challenge: there is nothing to publish.")
            )
        data["published_at"] = now.isoformat()
        picture.snapshot = data
        picture.published_at, picture.published_by = now, _user(user)
        picture.pdf = pdf_jobs.pdf_job_start(
            kind=PDF_KIND, parameters={"picture_id": picture.pk}, user=_user(user)
        )
        picture.material = _as_material(picture, now=now)
        picture.save(update_fields=["snapshot", "published_at", "published_by", "pdf", "material"])
    return picture


def _as_material(picture: Picture, *, now) -> Material:
    """The lägesbild's PDF as material of the direction meeting, to read before it (once;
    kept up to date)."""
    title = _("Lägesbild %(year)s") % {"year": picture.cycle.year}
    material = picture.material or Material(cycle=picture.cycle, title=title)
    material.meeting = direction_meeting(picture.cycle)
    material.kind = Material.Kind.PREPARATION
    material.url = absolute_url(picture_pdf_url(picture))
    material.file = ""
    material.published_from = material.published_from or now
    material.description = _(
        "Per focus challenge: where we stand, the gaps, and where organisations can join forces."
    )
    material.full_clean()
    material.save()
    return material


def _user(user):
    return user if getattr(user, "pk", None) else None
