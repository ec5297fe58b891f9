from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("logga-in/", views.signin_view, name="signin"),
    path("logga-in/skickat/", views.signin_sent, name="signin-sent"),
    path("logga-in/lank/", views.signin_link, name="signin-link"),
    path("logga-ut/", views.signout, name="signout"),
    path("min-organisation/valj/", views.choose, name="choose"),
    path("min-organisation/checklista/", views.checklist_save, name="checklist"),
    path("min-organisation/samordnare/", views.colleague_add, name="colleague-add"),
    path(
        "min-organisation/samordnare/<id:pk>/ta-bort/",
        views.colleague_remove,
        name="colleague-remove",
    ),
    path(
        "min-organisation/moten/<id:meeting_id>/anmal/",
        views.participants_add,
        name="participants-add",
    ),
    path("min-organisation/deltagare/<id:pk>/andra/", views.participant_edit, name="edit"),
    path("min-organisation/deltagare/<id:pk>/ersatt/", views.participant_replace, name="replace"),
    path("min-organisation/deltagare/<id:pk>/avanmal/", views.participant_cancel, name="cancel"),
    path("arshjul/<year:year>/moten/<slug:slug>/anmal/", views.open_registration, name="open"),
    path(
        "arshjul/<year:year>/moten/<slug:slug>/anmal/tack/",
        views.open_registration_thanks,
        name="open-thanks",
    ),
    path("anmalan/", views.registration, name="registration"),
    path("inbjudan/", views.invitation, name="invitation"),
    path("var-med/", views.join, name="join"),
    path("var-med/tack/", views.join_thanks, name="join-thanks"),
]
