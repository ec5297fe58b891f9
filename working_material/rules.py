"""When an organisation may answer the working material — the one place it is decided: from
the material's publication until its deadline (through arshjul.deadlines, as sign-ups and the
survey). Staff edit in the admin at any time."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul import deadlines
from arshjul.lib.forms import error_words

from .errors import MaterialRefused
from .models import WorkingMaterial


def check(material: WorkingMaterial, *, now=None) -> None:
    now = now or timezone.now()
    if not material.published:
        raise MaterialRefused(_("The working material is not open yet."))
    if deadlines.has_passed(material.closes_at, now=now):
        raise MaterialRefused(
            _("The working material closed %(date)s. Contact the region to change something.")
            % {"date": deadlines.day_words(material.closes_at)}
        )


def check_change(answer, *, now=None) -> None:
    """An organisation's answer may be changed (saved, marked done) while the material is open
    and the answer is not marked done: the one place that says so."""
    check(answer.material, now=now)
    if answer.is_done:
        raise MaterialRefused(_("This answer is marked done: reopen it to change it."))


def check_reopen(answer, *, now=None) -> None:
    """An answer marked done may be reopened while the material is open."""
    check(answer.material, now=now)
    if not answer.is_done:
        raise MaterialRefused(_("Only an answer marked done can be reopened."))


def refusal(material: WorkingMaterial, *, now=None) -> str:
    try:
        check(material, now=now)
    except MaterialRefused as error:
        return error_words(error)
    return ""


def deadline_words(material: WorkingMaterial, *, now=None) -> str:
    """ "8 dagar kvar", "Sista dagen: i dag", "Stängde 9 januari"."""
    now = now or timezone.now()
    if deadlines.has_passed(material.closes_at, now=now):
        return _("Closed %(date)s") % {"date": deadlines.day_words(material.closes_at)}
    days = deadlines.days_left(material.closes_at, now=now)
    if days == 0:
        return _("Last day: today")
    return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
