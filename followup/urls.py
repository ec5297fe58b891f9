from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("arshjul/<year:year>/uppfoljningsrapport/", views.report, name="report"),
    path("arshjul/<year:year>/uppfoljningsrapport.pdf", views.report_pdf, name="report-pdf"),
]
