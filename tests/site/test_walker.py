"""Every URL pattern of the site — the admin's included — tried by the whole cast: someone
not signed in, the coordinator of the organisation whose data it is, the coordinator of
another organisation, a *Läsare* and a *Redaktör*.

A pattern without an expectation in ``EXPECTED`` (tests/site/walker.py) fails the test: a new
view must say who may see it. The admin's own views (list, add, change, delete, history) are
held to each ModelAdmin's permission checks; every view of our own in the admin needs its row
in ``EXPECTED``.
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.site.walker import (
    ALL_PATTERNS,
    EXPECTED,
    OWNERS_PARTICIPANT,
    ROLES,
    SECRET_ANSWER,
    SECRET_ENTRY,
    SECRET_NEEDS,
    TOKEN_PAGES,
    client_for,
)

ADMIN_VIEWS = re.compile(
    r"^admin:(?P<app>[a-z]+)_(?P<model>[a-z]+)_"
    r"(?P<view>changelist|add|change|delete|history|simple_history)$"
)


def model_admin_expectation(match, world, user_for):
    """The address of an admin view and what each role gets, from the ModelAdmin's checks."""
    model_admin = next(
        ma
        for model, ma in admin.site._registry.items()
        if (model._meta.app_label, model._meta.model_name) == (match["app"], match["model"])
    )
    obj = model_admin.model._default_manager.order_by("pk").first()
    view = match["view"]
    if view in {"change", "delete", "history", "simple_history"} and obj is None:
        pytest.fail(f"the walker's world has no {model_admin.model.__name__}: add one")
    args = [obj.pk] if view in {"change", "delete", "history"} else []
    if view == "simple_history":  # one version of the row, from its change history
        args = [obj.pk, obj.history.order_by("history_id").first().history_id]
    url = reverse(f"admin:{match['app']}_{match['model']}_{view}", args=args)

    def allowed(role):
        request = type("Request", (), {"user": user_for(role)})()
        if view == "add":
            return model_admin.has_add_permission(request)
        if view == "delete":
            return model_admin.has_delete_permission(request, obj)
        return model_admin.has_view_or_change_permission(request, obj if args else None)

    expected = dict.fromkeys(["anonymous", "owner", "outsider"], 302)
    expected.update({role: 200 if allowed(role) else 403 for role in ["reader", "editor"]})
    return url, expected


@pytest.mark.parametrize("name, route", ALL_PATTERNS, ids=[n for n, _ in ALL_PATTERNS])
def test_every_view_answers_each_of_the_cast_as_expected(name, route, world):
    clients = {role: client_for(role, world) for role in ROLES}
    users = {role: clients[role].session.get("_auth_user_id") for role in ROLES}

    def user_for(role):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(pk=users[role])

    if name in EXPECTED:
        build, expected = EXPECTED[name]
        url = build(world)
    elif match := ADMIN_VIEWS.match(name):
        url, expected = model_admin_expectation(match, world, user_for)
    elif name.startswith("admin:"):
        # The admin's unnamed patterns: an object's old address, and the catch-all.
        url = f"/admin/registrations/participant/{world['participant'].pk}/"
        if "object_id" not in route:
            url = "/admin/finns-inte/"
        staff = 302 if "object_id" in route else 404
        expected = {
            "anonymous": 302,
            "owner": 302,
            "outsider": 302,
            "reader": staff,
            "editor": staff,
        }
    else:
        pytest.fail(f"{name} ({route}) has no expectation: say who may see it in EXPECTED")

    for role in ROLES:
        response = clients[role].get(url)
        assert response.status_code == expected[role], (role, url, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        if role not in {"editor", "owner"}:
            assert SECRET_NEEDS not in body, (role, url)
        if role != "owner" and name.startswith("registrations:"):
            assert OWNERS_PARTICIPANT not in body, (role, url)
        if name.startswith("survey:") and name not in TOKEN_PAGES:
            assert SECRET_ANSWER not in body, (role, url)
        if name.startswith("working_material:") and role != "owner":
            assert SECRET_ENTRY not in body, (role, url)
        # No page reloads itself (WCAG 2.2.1): pages waiting for a PDF offer a link instead.
        assert 'http-equiv="refresh"' not in body, (role, url)
