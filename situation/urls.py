from django.urls import path  # noqa: F401 - the pages come with the app's views

app_name = "situation"

urlpatterns = []
