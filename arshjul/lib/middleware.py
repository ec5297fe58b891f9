from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
)


class ChosenLanguageMiddleware:
    """Swedish for everyone unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Swedish
    public service answers in Swedish first, and English is one click away (a cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        patch_vary_headers(response, ["Cookie"])
        return response


class PrivatePagesMiddleware:
    """A page seen by someone signed in (a coordinator, staff) may carry personal data: no
    browser cache or proxy may store it (``Cache-Control: no-store, private``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class SharedPagesConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ETag and "304 Not Modified" — for pages anyone may be given, only.

    A page meant for one person (``no-store`` or ``private``: someone signed in, a form with
    its token, a personal link; or an answer that sets a cookie) carries no ETag and no
    Last-Modified, and is always sent whole: a browser is never told that a personal page it
    holds is still the one to show."""

    def process_response(self, request, response):
        if _personal(response):
            for header in ("ETag", "Last-Modified"):
                if header in response:
                    del response[header]
            return response
        return super().process_response(request, response)


def _personal(response) -> bool:
    directives = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & {"no-store", "private"}) or bool(response.cookies)
