from django.urls import path

from . import views

app_name = "situation"

urlpatterns = [
    path("arshjul/<year:year>/lagesbild/", views.picture_index, name="index"),
    path(
        "arshjul/<year:year>/lagesbild/<id:challenge_id>/",
        views.picture_challenge,
        name="challenge",
    ),
    path("arshjul/<year:year>/lagesbild.pdf", views.picture_pdf, name="pdf"),
]
