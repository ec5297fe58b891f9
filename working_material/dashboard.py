"""This app's column on the cycle dashboard (:mod:`arshjul.dashboard`): per published working
material, whether an organisation is done with every focus challenge, has begun, or not."""

from functools import partial

from django.utils.translation import gettext as _

from arshjul.dashboard import Cell, Column

from .models import Answer, WorkingMaterial
from .reminders import organisations_remind
from .services import organisations_done


def material_columns(cycle, organisations) -> list[Column]:
    columns = []
    for material in (
        WorkingMaterial.objects.filter(cycle=cycle, published=True)
        .select_related("cycle")
        .order_by("pk")
    ):
        done = organisations_done(material)
        begun = set(
            Answer.objects.filter(material=material).values_list("organisation_id", flat=True)
        )
        cells, pending = {}, set()
        for organisation in organisations:
            if organisation.pk in done:
                cells[organisation.pk] = Cell(_("Done"), done=True)
                continue
            pending.add(organisation.pk)
            text = _("Begun") if organisation.pk in begun else _("Not begun")
            cells[organisation.pk] = Cell(text, done=False)
        columns.append(
            Column(
                key=f"material-{material.pk}",
                label=_("%(material)s: done") % {"material": material},
                cells=cells,
                total=_("%(done)d of %(of)d done")
                % {"done": len(done & {o.pk for o in organisations}), "of": len(organisations)},
                not_yet=_("Not done with %(material)s") % {"material": material},
                pending=pending,
                remind=partial(_remind, material),
                reminder_kind="working_material",
            )
        )
    return columns


def _remind(material, organisations, by=None) -> int:
    ids = [o.pk for o in organisations]
    return organisations_remind(material=material, organisation_ids=ids, by=by)
