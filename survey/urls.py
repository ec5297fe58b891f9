from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("enkat/", views.answer, name="answer"),
    path("enkat/skicka-in/", views.submit, name="submit"),
    path("enkat/kvitto/", views.receipt, name="receipt"),
    path("enkat/kvitto.pdf", views.receipt_pdf, name="receipt-pdf"),
    path("min-organisation/enkat/", views.groups, name="groups"),
    path("min-organisation/enkat/grupper/<id:pk>/andra/", views.group_edit, name="group-edit"),
    path(
        "min-organisation/enkat/grupper/<id:pk>/skicka/<id:survey_id>/",
        views.group_send,
        name="group-send",
    ),
    path("arshjul/<year:year>/enkat/", views.public_results, name="results"),
]
