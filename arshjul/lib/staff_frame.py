"""The admin's frame around staff's heavy pages (the cycle's overview, the survey's results,
the working material's compilation), made once per kind of reader rather than per request.

Django's ``each_context`` builds the navigation's list of apps and models anew on every page:
a permission check and a URL per model, more than the rest of a page kept in the cache.
That list depends only on the code, the reader's permissions, the language and the URL
prefix, so it is remembered per process under exactly those.
"""

import threading
from collections import OrderedDict

from django.urls import get_script_prefix
from django.utils.translation import get_language

# Enough for every reader's set of permissions; the oldest is forgotten first.
REMEMBERED = 64

_lock = threading.Lock()
_app_lists: OrderedDict = OrderedDict()


def _app_list(admin_site, request) -> list:
    user = request.user
    key = (
        id(admin_site),
        user.is_active,
        user.is_staff,
        user.is_superuser,
        frozenset(user.get_all_permissions()),
        get_language(),
        get_script_prefix(),
    )
    with _lock:
        found = _app_lists.get(key)
        if found is not None:
            _app_lists.move_to_end(key)
            return found
    made = admin_site.get_app_list(request)
    with _lock:
        _app_lists[key] = made
        while len(_app_lists) > REMEMBERED:
            _app_lists.popitem(last=False)
    return made


def each_context(admin_site, request) -> dict:
    """``admin_site.each_context(request)``, with the list of apps remembered (see above)."""
    script_name = request.META["SCRIPT_NAME"]
    site_url = script_name if admin_site.site_url == "/" and script_name else admin_site.site_url
    return {
        "site_title": admin_site.site_title,
        "site_header": admin_site.site_header,
        "site_url": site_url,
        "has_permission": admin_site.has_permission(request),
        "available_apps": _app_list(admin_site, request),
        "is_popup": False,
        "is_nav_sidebar_enabled": admin_site.enable_nav_sidebar,
        "log_entries": admin_site.get_log_entries(request),
    }
