from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("arshjul/", views.cycle_list, name="cycle-list"),
    path("arshjul/<year:year>/", views.cycle_detail, name="cycle-detail"),
    path("arshjul/<year:year>/inbaddning/", views.wheel_embed, name="wheel-embed"),
    path("arshjul/<year:year>/arshjul.svg", views.wheel_svg, name="wheel-svg"),
    path("arshjul/<year:year>/affisch.pdf", views.wheel_poster, name="wheel-poster"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("identitet/logotyp", views.identity_logo, name="identity-logo"),
    path("identitet/farg.css", views.identity_css, name="identity-css"),
    path("samordnare/nasta-ar/", views.coordinator_confirm, name="coordinator-confirm"),
    path("sprak/<str:code>/", views.language, name="language"),
    path("", include("meetings.urls")),
    path("", include("registrations.urls")),
    path("", include("survey.urls")),
    path("", include("indicators.urls")),
    path("", include("working_material.urls")),
    path("admin/", admin.site.urls),
]
