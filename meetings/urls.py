from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("arshjul/<year:year>/moten/<slug:slug>/kalender.ics", views.meeting_ics, name="ics"),
    path("material/<id:pk>/<str:filename>", views.material_download, name="material"),
]
