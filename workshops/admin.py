"""Staff's side of the workshop notes: each group's notes (editable by editors also after
they close, with what to share publicly per entry and reflection), its scribes and their
links, and the notes' closing as part of a meeting (:class:`NotesClosingInline`, composed in
pages/admin.py)."""

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib.forms import error_words

from . import services
from .models import NoteEntry, NoteReflection, Notes, NotesClosing, Scribe


class _OptionalFormSet(BaseInlineFormSet):
    """A meeting's form posted without the closing's part (an older page, a script) leaves
    the closing as it is."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, prefix=prefix, **kwargs)


class NotesClosingInline(admin.StackedInline):
    """On a meeting's page: how many days after it the workshop groups' notes close."""

    model = NotesClosing
    formset = _OptionalFormSet
    extra = 0
    max_num = 1
    can_delete = True
    fields = ["days_after"]
    verbose_name = _("closing of the workshop notes")


class ScribeForm(forms.ModelForm):
    class Meta:
        model = Scribe
        fields = ["participant", "name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name" in self.fields:  # (a reader's form shows every field as text)
            self.fields["name"].required = False
            self.fields["name"].help_text = _("Empty: the participant's name.")
            self.fields["email"].help_text = _("Empty: the participant's address.")

    notes = None  # the notes the scribes are added to (ScribeInline.get_formset)

    def clean(self):
        data = super().clean()
        if self.notes is None or self.errors:
            return data
        scribe = Scribe(
            notes=self.notes,
            participant=data.get("participant"),
            name=data.get("name") or "",
            email=data.get("email") or "",
        )
        try:
            services.scribe_check(scribe)
        except services.NotesError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
            else:
                self.add_error(None, error_words(error))
            return data
        data["name"], data["email"] = scribe.name, scribe.email
        return data


class ScribeInline(admin.TabularInline):
    """The group's scribes: a participant in the group, or staff by name and address."""

    model = Scribe
    form = ScribeForm
    extra = 1
    fields = ["participant", "name", "email", "link_sent_at", "link"]
    readonly_fields = ["link_sent_at", "link"]
    raw_id_fields = ["participant"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("ScribeFormOf", (formset.form,), {"notes": obj})
        return formset

    @admin.display(description=_("personal link"))
    def link(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}?notes={}">{}</a>',
            reverse("admin:workshops_scribe_changelist"),
            obj.notes_id,
            gettext("Send the link"),
        )


class NoteEntryInline(admin.StackedInline):
    model = NoteEntry
    extra = 0
    fields = ["kind", "name", "description", "organisations", "organisation_names", "shared"]
    readonly_fields = ["organisation_names"]
    autocomplete_fields = ["organisations"]


class NoteReflectionInline(admin.StackedInline):
    model = NoteReflection
    extra = 0
    fields = ["kind", "text", "shared"]


class NotesForEveryGroup:
    """An action of the meeting's admin (composed in pages/admin.py): notes for each workshop
    group of the selected meetings that has none, so that staff add scribes at once."""

    @admin.action(
        description=_("Make the workshop notes of every group"), permissions=["make_notes"]
    )
    def make_workshop_notes(self, request, queryset):
        made = 0
        for meeting in queryset.select_related("cycle"):
            try:
                made += services.notes_for_every_group(meeting=meeting)
            except services.NotesError as error:
                self.message_user(request, error_words(error), messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "%(count)d group's notes made: add their scribes under Workshop notes.",
                "%(count)d groups' notes made: add their scribes under Workshop notes.",
                made,
            )
            % {"count": made},
            messages.SUCCESS if made else messages.INFO,
        )

    def has_make_notes_permission(self, request) -> bool:
        return request.user.has_perm("workshops.add_notes")


@admin.register(Notes)
class NotesAdmin(admin.ModelAdmin):
    """A workshop group's notes: staff correct and complete them, also after they close, and
    choose what is shared on the public page of lessons from the work meeting."""

    list_display = ["challenge", "meeting", "scribe_count", "entry_count", "last_saved_at"]
    list_filter = ["meeting", "challenge"]
    list_select_related = ["challenge", "meeting"]
    fields = ["meeting", "challenge", "last_saved_at", "last_saved_by"]
    readonly_fields = ["last_saved_at", "last_saved_by"]
    inlines = [ScribeInline, NoteEntryInline, NoteReflectionInline]
    actions = ["send_links"]

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(
                n_scribes=Count("scribes", distinct=True), n_entries=Count("entries", distinct=True)
            )
        )

    @admin.display(description=_("scribes"), ordering="n_scribes")
    def scribe_count(self, obj):
        return obj.n_scribes

    @admin.display(description=_("entries"), ordering="n_entries")
    def entry_count(self, obj):
        return obj.n_entries

    def get_readonly_fields(self, request, obj=None):
        if obj:
            return [*self.readonly_fields, "meeting", "challenge"]
        return self.readonly_fields

    def get_inline_instances(self, request, obj=None):
        # Scribes are added to notes that exist: their group is known then.
        return [i for i in super().get_inline_instances(request, obj) if obj or i.model != Scribe]

    def save_formset(self, request, form, formset, change):
        if formset.model not in (NoteEntry, NoteReflection):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        now, by = timezone.now(), request.user.get_username()
        for instance in instances:
            instance.saved_at, instance.saved_by = now, by
            if instance.pk:
                instance.version += 1
            instance.save()
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()
        if formset.model is NoteEntry:
            for entry_form in formset.forms:
                instance = entry_form.instance
                if instance.pk and "organisations" in entry_form.changed_data:
                    services.entry_names_keep(instance)
        return None

    @admin.action(description=_("Send the scribes their links"), permissions=["change"])
    def send_links(self, request, queryset):
        scribes = Scribe.objects.filter(notes__in=queryset)
        _sent(self, request, scribes)


def _sent(model_admin, request, scribes) -> None:
    sent = sum(1 for scribe in scribes if services.link_send(scribe=scribe))
    model_admin.message_user(
        request,
        ngettext("%(count)d link is in the outbox.", "%(count)d links are in the outbox.", sent)
        % {"count": sent},
        messages.SUCCESS if sent else messages.WARNING,
    )


@admin.register(Scribe)
class ScribeAdmin(admin.ModelAdmin):
    """A scribe and their personal link: sent by e-mail (again, or a new one that replaces
    it); ``manage.py workshop_link`` prints it on a laptop."""

    list_display = ["name", "notes", "email", "link_sent_at"]
    list_filter = ["notes__meeting", "notes__challenge"]
    search_fields = ["name", "email"]
    list_select_related = ["notes__meeting", "notes__challenge"]
    fields = ["notes", "participant", "name", "email", "link_sent_at"]
    readonly_fields = ["notes", "link_sent_at"]
    raw_id_fields = ["participant"]
    form = ScribeForm
    actions = ["send_link", "replace_link"]

    def has_add_permission(self, request):
        return False  # scribes are added on their group's notes

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type("ScribeFormOf", (form,), {"notes": obj.notes if obj else None})

    @admin.action(description=_("Send the link"), permissions=["change"])
    def send_link(self, request, queryset):
        _sent(self, request, queryset.select_related("notes"))

    @admin.action(
        description=_("Replace the link (the old one stops working) and send the new one"),
        permissions=["change"],
    )
    def replace_link(self, request, queryset):
        sent = sum(1 for scribe in queryset if services.link_send(scribe=scribe, renew=True))
        self.message_user(
            request,
            ngettext("%(count)d link is in the outbox.", "%(count)d links are in the outbox.", sent)
            % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )
