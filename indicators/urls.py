from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indikatorer/", views.indicator_list, name="list"),
    path("indikatorer/<str:code>/", views.indicator_detail, name="detail"),
    path("arshjul/<year:year>/nulagesanalys/", views.analysis, name="analysis"),
    path("arshjul/<year:year>/nulagesanalys.pdf", views.analysis_pdf, name="analysis-pdf"),
]
