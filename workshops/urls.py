from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("anteckningar/", views.notes, name="notes"),
    path("arshjul/<year:year>/lardomar/", views.lessons, name="lessons"),
]
