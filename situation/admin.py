"""Staff's side of the lägesbild: the names of networks and forums as they are matched (merge
one into another's group, split one out), and the lägesbild per challenge before and after
it is published."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib import confirm
from arshjul.lib.admin_helpers import DomainErrorsAdminMixin
from arshjul.lib.validators import single_line
from arshjul.models import Cycle

from . import compile, matching, selectors, services
from .models import NameChoice, Picture
from .network import challenge_context


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


@admin.register(Picture)
class PictureAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    """A cycle's lägesbild: staff write its introduction, read it per challenge as it stands
    (with the coordinators to contact) and publish it."""

    list_display = ["__str__", "cycle", "published_at", "published_by", "staff_page", "page"]
    fields = ["cycle", "introduction", "published_at", "published_by"]
    readonly_fields = ["published_at", "published_by"]
    actions = ["publish"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/lagesbild/", view(self.picture_view), name="situation_picture_show"),
            path(
                "<int:pk>/lagesbild/<int:challenge_id>/",
                view(self.picture_view),
                name="situation_picture_challenge",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "cycle"] if obj is not None else fields

    @admin.display(description=_("as it stands"))
    def staff_page(self, obj):
        url = reverse("admin:situation_picture_show", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Show"))

    @admin.display(description=_("page"))
    def page(self, obj):
        if not obj.is_published:
            return "–"
        return format_html('<a href="{}">{}</a>', services.picture_url(obj), gettext("Show"))

    def picture_view(self, request, pk: int, challenge_id: int | None = None):
        """The lägesbild as it stands now, with the coordinators to contact: staff's page,
        before and after it is published (nothing is saved)."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET"])
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        picture = Picture.objects.select_related("cycle", "published_by").filter(pk=pk).first()
        if picture is None:
            raise Http404
        data = compile.picture(picture.cycle)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "picture": picture,
            "data": data,
            "original": picture,
        }
        if challenge_id is not None:
            challenge = compile.challenge_of(data, challenge_id)
            if challenge is None:
                raise Http404
            context.update(challenge_context(data, challenge, contacts=True))
            context["title"] = f"{picture}: {challenge['name']}"
        else:
            context["title"] = str(picture)
        return TemplateResponse(request, "admin/situation/picture/show.html", context)

    def has_publish_permission(self, request):
        return request.user.has_perm("situation.publish_picture")

    @admin.action(
        description=_("Publish (the pages, the PDF and the direction meeting's material)"),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Publish one lägesbild at a time."), messages.WARNING
            )
            return None
        picture = queryset.select_related("cycle").get()

        def confirmation(once):
            data = compile.picture(picture.cycle)
            meeting = services.direction_meeting(picture.cycle)
            lead = [
                gettext(
                    "The lägesbild of %(year)s becomes public as it stands now, per focus "
                    "challenge: the indicators, what organisations do, the gaps and the matches "
                    "— the organisations named, not their coordinators."
                )
                % {"year": picture.cycle.year},
                gettext(
                    "What it shows is kept: later changes to the working material, the notes or "
                    "the organisations do not change it unless you publish it again."
                ),
                gettext("Its PDF is made and listed as material of %(meeting)s.")
                % {"meeting": meeting.title if meeting else gettext("the cycle")},
            ]
            if picture.is_published:
                lead.append(gettext("It is published already: publishing again replaces it."))
            return confirm.Confirmation(
                title=gettext("Publish %(picture)s") % {"picture": picture},
                lead=lead,
                button=gettext("Publish the lägesbild"),
                table_caption=gettext("What is published"),
                table_header=[gettext("Focus challenge"), gettext("Gaps"), gettext("Matches")],
                table_rows=[
                    [c["name"], str(len(c["gaps"])), str(len(c["matches"]))]
                    for c in data["challenges"]
                ],
            )

        def act(once):
            published = services.picture_publish(picture=picture, user=request.user)
            self.message_user(
                request,
                gettext("The lägesbild of %(year)s is published; its PDF is being made.")
                % {"year": published.cycle.year},
                messages.SUCCESS,
            )

        return confirm.action_confirmed(self, request, queryset, confirmation=confirmation, act=act)
