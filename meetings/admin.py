from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "registration_closes_at", "cycle"]
    list_filter = ["cycle", "kind"]
    search_fields = ["title"]
    date_hierarchy = "date"
    list_select_related = ["cycle"]
