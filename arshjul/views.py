from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import coordinators, identity, selectors
from .forms import ContinueForm
from .lib import branding, tokens
from .lib.forms import add_domain_error
from .lib.health import site_health
from .lib.page_cache import public_page

# What the list of cycles shows.
CYCLE_PAGES = [
    "arshjul.Cycle",
    "arshjul.CycleChallenge",
    "arshjul.Challenge",
    "arshjul.Strategy",
    "arshjul.Organisation",
]


# The texts of the site's own pages name the organiser.
ABOUT_PAGES = ["arshjul.Strategy", "arshjul.Organisation", "arshjul.Cycle"]


@require_safe
@public_page(depends_on=CYCLE_PAGES)
def cycle_list(request):
    return render(request, "arshjul/cycle_list.html", {"cycles": selectors.cycle_list_published()})


@require_safe
@public_page(depends_on=ABOUT_PAGES)
def privacy(request):
    context = {
        "organiser": selectors.site_organiser(),
        "needs_days": settings.NEEDS_RETENTION_DAYS,
        "registration_days": settings.REGISTRATION_RETENTION_DAYS,
        "outbox_days": settings.OUTBOX_RETENTION_DAYS,
        "pdf_days": settings.PDF_JOB_RETENTION_DAYS,
        "survey_names_days": settings.SURVEY_NAMES_RETENTION_DAYS,
    }
    return render(request, "pages/privacy.html", context)


@require_safe
@public_page(depends_on=ABOUT_PAGES)
def accessibility(request):
    return render(request, "pages/accessibility.html", {"organiser": selectors.site_organiser()})


@never_cache
@require_safe
def healthz(request):
    healthy, body = site_health()
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_safe
def language(request, code: str):
    """Switch the site's language (a link, not a form: pages carry no CSRF token and can be
    shared from the cache) and go back where the visitor was."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def coordinator_confirm(request):
    """The page a carried-over coordinator's personal link opens: go on next year, or name
    who takes over. Answered once."""
    token = tokens.token_from(request)
    coordinator = coordinators.coordinator_for_token(token)
    if coordinator is None:
        raise Http404
    open_ = coordinators.may_answer(coordinator)
    form = ContinueForm(request.POST or None) if open_ else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["goes_on"]:
                coordinators.coordinator_confirm(coordinator=coordinator)
            else:
                coordinators.coordinator_succeed(
                    coordinator=coordinator,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(tokens.token_path("coordinator-confirm", token))
    context = {"coordinator": coordinator, "form": form, "token": token}
    return tokens.personal_page(render(request, "arshjul/coordinator_confirm.html", context))


@require_safe
def identity_logo(request):
    """The organiser's logo, from the database (the same on every replica). Even opened on
    its own, nothing in an SVG runs: it is served with a sandboxing policy."""
    content, content_type = identity.identity_logo()
    if not content:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    # The address carries the identity's version: a new logo is a new address.
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    return response


@require_safe
def identity_css(request):
    """The accent colour as a stylesheet (the CSP allows no inline style): one line, kept a
    year under an address that changes with the identity."""
    accent = identity.identity_current().accent_colour
    if identity.accent_problem(accent):
        accent = branding.DEFAULT_ACCENT
    response = HttpResponse(f":root {{ --aj-blue: {accent}; }}\n", content_type="text/css")
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    return response
