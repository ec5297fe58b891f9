from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("arshjul/<year:year>/", views.cycle_detail, name="cycle-detail"),
    path("arshjul/<year:year>/inbaddning/", views.wheel_embed, name="wheel-embed"),
    path("arshjul/<year:year>/arshjul.svg", views.wheel_svg, name="wheel-svg"),
    path("arshjul/<year:year>/affisch.pdf", views.wheel_poster, name="wheel-poster"),
    path("arshjul/<year:year>/kalender.ics", views.cycle_ics, name="cycle-ics"),
    path("arshjul/<year:year>/moten/", views.meeting_list, name="meeting-list"),
    path("arshjul/<year:year>/moten/<slug:slug>/", views.meeting_detail, name="meeting"),
    path("min-organisation/", views.organisation_view, name="organisation"),
]
