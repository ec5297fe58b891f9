from django.urls import path

from . import views

app_name = "working_material"

urlpatterns = [
    path("min-organisation/arbetsmaterial/", views.overview, name="overview"),
    path("min-organisation/arbetsmaterial/<id:challenge_id>/", views.answer, name="answer"),
]
