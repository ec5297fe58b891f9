from django.contrib import admin
from django.shortcuts import redirect

from .forms import CatalogueSettingsForm
from .models import CatalogueSettings


@admin.register(CatalogueSettings)
class CatalogueSettingsAdmin(admin.ModelAdmin):
    """The catalogue's one row of settings, as the identity's: staff add it once, then
    change it; the list goes straight to it (or to adding it)."""

    form = CatalogueSettingsForm
    fields = ["licence", "contact_name", "contact_email", "description"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CatalogueSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        found = CatalogueSettings.objects.order_by("pk").first()
        if found is not None:
            return redirect("admin:opendata_cataloguesettings_change", found.pk)
        if self.has_add_permission(request):
            return redirect("admin:opendata_cataloguesettings_add")
        return super().changelist_view(request, extra_context)
