"""Staff's side of the lägesbild: the names of networks and forums as they are matched (merge
one into another's group, split one out), and the lägesbild per challenge before and after
it is published."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from arshjul.lib.validators import single_line
from arshjul.models import Cycle

from . import matching, selectors
from .models import NameChoice


class NameForm(forms.Form):
    """A name as written and what staff say of it."""

    name = forms.CharField(max_length=200, validators=[single_line])
    into = forms.CharField(max_length=200, required=False, validators=[single_line])
    what = forms.ChoiceField(choices=[("merge", "merge"), ("split", "split"), ("undo", "undo")])

    def clean(self):
        data = super().clean()
        if data.get("what") == "merge" and not data.get("into"):
            raise forms.ValidationError(gettext("Choose the group to merge the name into."))
        return data


def _cycle(request) -> Cycle | None:
    cycles = Cycle.objects.order_by("-year")
    wanted = request.GET.get("cycle", "")
    if wanted.isdigit():
        return cycles.filter(pk=int(wanted)).first()
    return cycles.filter(status=Cycle.Status.PUBLISHED).first() or cycles.first()


@admin.register(NameChoice)
class NameChoiceAdmin(admin.ModelAdmin):
    """The list is the names as matched: every group of names of networks and forums of a
    cycle, with staff's merges and splits."""

    list_display = ["written", "group", "decided_by", "decided_at"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        cycle = _cycle(request)
        form = NameForm(request.POST or None)
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if form.is_valid():
                self._decide(request, form.cleaned_data)
                return HttpResponseRedirect(request.get_full_path())
        chosen = matching.choices()
        names = selectors.network_names(cycle) if cycle else []
        groups = matching.group_names([name for name, _org in names], chosen)
        by_name: dict[str, set] = {}
        for name, organisation in names:
            if organisation:
                by_name.setdefault(name, set()).add(organisation)
        rows = [
            {
                "group": group,
                "names": [
                    {
                        "name": name,
                        "organisations": sorted(by_name.get(name, [])),
                        "chosen": matching.written(name) in chosen,
                    }
                    for name in group.names
                ],
                "organisations": len({o for n in group.names for o in by_name.get(n, [])}),
            }
            for group in sorted(groups.values(), key=lambda g: g.label.lower())
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Names of networks and forums, as matched"),
            "cycle": cycle,
            "cycles": Cycle.objects.order_by("-year"),
            "rows": rows,
            "form": form,
            "can_change": self.has_change_permission(request),
            "labels": [g.label for g in sorted(groups.values(), key=lambda g: g.label.lower())],
        }
        return TemplateResponse(request, "admin/situation/namechoice/groups.html", context)

    def _decide(self, request, data):
        name, what = data["name"], data["what"]
        if what == "merge":
            matching.name_merge(name=name, into=data["into"], user=request.user)
            text = gettext("“%(name)s” is matched with “%(into)s”.")
        elif what == "split":
            matching.name_split(name=name, user=request.user)
            text = gettext("“%(name)s” is a network of its own.")
        else:
            matching.name_choice_undo(name=name)
            text = gettext("“%(name)s” is matched by the rules again.")
        self.message_user(request, text % {"name": name, "into": data["into"]}, messages.SUCCESS)
