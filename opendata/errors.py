"""The open data's errors, as JSON that says what went wrong in Swedish and in English:

    {"error": {"status": 404, "code": "not_found",
               "message": {"sv": "Det finns ingen sådan indikator.", "en": "No such indicator."}}}

Every error of the API goes through :func:`exception_handler` (DRF's hook), and a path under
``/api/v1/`` that names nothing through :func:`not_found`, so that a machine never has to
read an HTML error page.
"""

from http import HTTPStatus

from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    "not_found": _("There is nothing here. The API's description is at /api/v1/schema/."),
    "invalid": _("The request has values the API does not understand."),
    "throttled": _("Too many requests from this address. Wait a minute and try again."),
    "method_not_allowed": _("The open data can only be read (GET)."),
    "not_acceptable": _("The API answers in JSON only."),
    "error": _("The request could not be answered."),
}


# DRF's errors (and their subclasses) by our stable codes.
CODES = (
    (exceptions.NotFound, "not_found"),
    (exceptions.ValidationError, "invalid"),
    (exceptions.Throttled, "throttled"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
)


def both_languages(message) -> dict[str, str]:
    """A lazy message in Swedish and in English."""
    found = {}
    for code in ("sv", "en"):
        with translation.override(code):
            found[code] = str(message)
    return found


def error_body(status: int, code: str, message=None, details=None) -> dict:
    body = {
        "status": status,
        "code": code,
        "message": both_languages(message or MESSAGES.get(code, MESSAGES["error"])),
    }
    if details:
        body["details"] = details
    return {"error": body}


def error_response(status: int, code: str, message=None, details=None, **headers) -> JsonResponse:
    response = JsonResponse(error_body(status, code, message, details), status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def exception_handler(exc, context):
    """DRF's errors in our shape: a status, a stable code, the message in both languages,
    and for a bad parameter which one and why (``details``: {"year_from": ["…"]})."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's own 500 handling (and logging)
    code = next((code for kind, code in CODES if isinstance(exc, kind)), "error")
    details = response.data if isinstance(exc, exceptions.ValidationError) else None
    message = getattr(exc, "open_data_message", None)
    response.data = error_body(response.status_code, code, message, details)
    return response


def not_found(request, *args, **kwargs):
    """A path under /api/v1/ that names nothing."""
    return error_response(HTTPStatus.NOT_FOUND, "not_found")
