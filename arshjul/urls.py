from django.contrib import admin
from django.urls import include, path

from . import oidc, views
from .lib import metrics, operations_admin

# The admin's own pages, and ours among them (the Driftstatus page).
_admin_urls, _admin_app, _admin_namespace = admin.site.urls

urlpatterns = [
    path("arshjul/", views.cycle_list, name="cycle-list"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("identitet/logotyp", views.identity_logo, name="identity-logo"),
    path("identitet/farg.css", views.identity_css, name="identity-css"),
    path("samordnare/nasta-ar/", views.coordinator_confirm, name="coordinator-confirm"),
    path("sprak/<str:code>/", views.language, name="language"),
    path("", include("pages.urls")),  # the pages that gather apps: home, cycle, wheel…
    path("", include("meetings.urls")),
    path("", include("registrations.urls")),
    path("", include("survey.urls")),
    path("", include("indicators.urls")),
    path("", include("working_material.urls")),
    path("", include("workshops.urls")),
    path("", include("situation.urls")),
    path("", include("followup.urls")),
    path("", include("opendata.urls")),
    # Staff single sign-on (arshjul.oidc: 404 while it is off), and the admin's "Logga ut",
    # which ends a session begun at the identity provider there too.
    path("oidc/", include(oidc.urlpatterns)),
    path("admin/logout/", oidc.staff_logout, name="staff-logout"),
    path("admin/", ([*operations_admin.admin_urls(), *_admin_urls], _admin_app, _admin_namespace)),
]
