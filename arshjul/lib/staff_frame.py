"""The admin's frame around staff's heavy pages (the cycle's overview, the survey's results,
the working material's compilation), made once per kind of reader rather than per request.

Django's ``each_context`` builds the navigation's list of apps and models anew on every page:
a permission check and a URL per model, more than the rest of a page kept in the cache.
That list depends only on the code, the reader's permissions, the language and the URL
prefix, so it is remembered per process under exactly those; and so is the navigation drawn
from it (which also marks the app and model of the page: those are part of its key). The
templates of these pages draw the navigation with ``nav_sidebar`` (see
``templates/admin/staff_frame.html``).

:func:`kept_for_reader` keeps such a page whole for the reader who asked, as a coordinator's
own pages are kept (:func:`arshjul.lib.page_cache.private_page`): per session, user, CSRF
cookie — and the reader's permissions, so that a reader whose role changes gets the page as
their new role shows it at once.
"""

import hashlib
import threading
from collections import OrderedDict
from functools import wraps

from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from .page_cache import private_page

# Enough for every kind of reader and page; the oldest is forgotten first.
REMEMBERED = 256

_lock = threading.Lock()
_remembered_things: OrderedDict = OrderedDict()


def _remembered(key, make):
    with _lock:
        found = _remembered_things.get(key)
        if found is not None:
            _remembered_things.move_to_end(key)
            return found
    made = make()
    with _lock:
        _remembered_things[key] = made
        while len(_remembered_things) > REMEMBERED:
            _remembered_things.popitem(last=False)
    return made


def _reader_key(admin_site, request) -> tuple:
    user = request.user
    return (
        id(admin_site),
        user.is_active,
        user.is_staff,
        user.is_superuser,
        frozenset(user.get_all_permissions()),
        get_language(),
        get_script_prefix(),
    )


def _nav_sidebar(request, reader: tuple, app_list: list) -> str:
    """The navigation as ``admin/nav_sidebar.html`` draws it for this page."""
    path = urlencode(request.path)
    here = tuple(
        url
        for app in app_list
        for url in [app["app_url"], *(model.get("admin_url") for model in app["models"])]
        if url and url in path
    )
    return _remembered(
        ("nav", reader, here),
        lambda: render_to_string(
            "admin/nav_sidebar.html", {"available_apps": app_list, "request": request}
        ),
    )


def each_context(admin_site, request) -> dict:
    """``admin_site.each_context(request)``, with the list of apps and the navigation drawn
    from it remembered (see above)."""
    script_name = request.META["SCRIPT_NAME"]
    site_url = script_name if admin_site.site_url == "/" and script_name else admin_site.site_url
    reader = _reader_key(admin_site, request)
    app_list = _remembered(("apps", reader), lambda: admin_site.get_app_list(request))
    return {
        "site_title": admin_site.site_title,
        "site_header": admin_site.site_header,
        "site_url": site_url,
        "has_permission": admin_site.has_permission(request),
        "available_apps": app_list,
        "nav_sidebar": _nav_sidebar(request, reader, app_list),
        "is_popup": False,
        "is_nav_sidebar_enabled": admin_site.enable_nav_sidebar,
        "log_entries": admin_site.get_log_entries(request),
    }


def _permissions(request) -> str:
    # Read already by the page's own permission checks (Django keeps them on the user).
    words = "|".join(sorted(request.user.get_all_permissions()))
    return hashlib.sha256(f"{request.user.is_superuser}|{words}".encode()).hexdigest()[:32]


def kept_for_reader(*, depends_on):
    """Keep an admin page (a method or function taking ``(owner, request, ...)``: a model
    admin's view) whole for the reader who asked, while the rows of ``depends_on`` (labels,
    or a function returning them) are unchanged: see
    :func:`arshjul.lib.page_cache.private_page`. Only GETs are kept; the page's own checks
    run whenever it is made, and the admin's (an active staff member) always."""

    def decorate(view):
        @wraps(view)
        def kept(owner, request, *args, **kwargs):
            def made(request, *args, **kwargs):
                response = view(owner, request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return response

            cached = private_page(depends_on=depends_on, vary_on=_permissions)(made)
            return cached(request, *args, **kwargs)

        return kept

    return decorate
