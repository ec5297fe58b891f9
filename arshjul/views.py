import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import coordinators, cycle_pages, identity, posters, selectors, wheel
from .forms import ContinueForm
from .lib import branding, tokens
from .lib.forms import add_domain_error
from .lib.health import site_health
from .lib.page_cache import public_page, valid_until

# What the cycle pages show: the core's rows, and whatever the apps' steps and parts read.
CYCLE_PAGES = [
    "arshjul.Cycle",
    "arshjul.CycleChallenge",
    "arshjul.Challenge",
    "arshjul.Strategy",
    "arshjul.Organisation",
]


def _cycle_pages_depend_on():
    return [
        *CYCLE_PAGES,
        *wheel.providers.dependencies(),
        *cycle_pages.providers.dependencies(),
    ]


# The texts of the site's own pages name the organiser.
ABOUT_PAGES = ["arshjul.Strategy", "arshjul.Organisation", "arshjul.Cycle"]


def _cycle_context(published: selectors.PublishedCycles, cycle, *, is_home: bool) -> dict:
    today = timezone.localdate()
    steps = published.steps[cycle.pk]
    is_past = selectors.cycle_is_past(cycle, steps, today=today)
    leadership = selectors.leadership_by_category()
    return {
        "cycle": cycle,
        "steps": steps,
        "drawing": wheel.site_drawing(steps, today=None if is_past else today),
        "is_past": is_past,
        "parts": cycle_pages.parts_for(cycle, is_home=is_home),
        "is_home": is_home,
        "leadership": leadership,
        "leadership_total": sum(group.count for group in leadership),
        "other_cycles": [c for c in published.cycles if c.pk != cycle.pk],
    }


@require_safe
@public_page(depends_on=_cycle_pages_depend_on)
def home(request):
    published = selectors.cycles_published_with_steps()
    cycle = published.current(today=timezone.localdate())
    if cycle is None:
        return render(request, "arshjul/no_cycle.html")
    return _cycle_page(request, _cycle_context(published, cycle, is_home=True))


@require_safe
@public_page(depends_on=_cycle_pages_depend_on)
def cycle_detail(request, year: int):
    published = selectors.cycles_published_with_steps()
    cycle = published.by_year(year)
    if cycle is None:
        raise Http404
    return _cycle_page(request, _cycle_context(published, cycle, is_home=False))


def _cycle_page(request, context):
    response = render(request, "arshjul/cycle.html", context)
    for part in context["parts"]:
        valid_until(response, part.valid_until)
    return response


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


# --- The wheel beyond the cycle page: embedded elsewhere, as an image, as a poster ----------


def _published_cycle_or_404(year: int):
    published = selectors.cycles_published_with_steps()
    cycle = published.by_year(year)
    if cycle is None:
        raise Http404
    return published, cycle


def _cycle_links(year: int):
    return lambda number, step: reverse("cycle-detail", args=[year]) + f"#step-{number}"


def embeddable(view):
    """Let the sites staff list (Identity.embed_origins) show the page in a frame, and no
    other: the CSP's frame-ancestors names them. Outside the page cache, so that a page
    served from it gets the header too (and a new list applies at once)."""

    @functools.wraps(view)
    def framed(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = identity.identity_current().origins
        response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
        response.xframe_options_exempt = True
        return response

    return framed


@require_safe
@embeddable
@public_page(depends_on=_cycle_pages_depend_on)
def wheel_embed(request, year: int):
    """The wheel and its timeline alone, for another site's frame: each step opens on our
    site in a new tab."""
    published, cycle = _published_cycle_or_404(year)
    today = timezone.localdate()
    steps = published.steps[cycle.pk]
    is_past = selectors.cycle_is_past(cycle, steps, today=today)
    context = {
        "cycle": cycle,
        "steps": steps,
        "drawing": wheel.site_drawing(
            steps, today=None if is_past else today, link_for=_cycle_links(cycle.year)
        ),
        "link_target": "_blank",
    }
    return render(request, "arshjul/wheel_embed.html", context)


@require_safe
@public_page(depends_on=_cycle_pages_depend_on)
def wheel_svg(request, year: int):
    """The wheel as an SVG file: colours as attributes, links to our pages in full."""
    published, cycle = _published_cycle_or_404(year)
    drawing = wheel.site_drawing(
        published.steps[cycle.pk],
        link_for=_cycle_links(cycle.year),
        base=settings.SITE_URL.rstrip("/"),
    )
    svg = render_to_string(
        "arshjul/includes/wheel.html", {"cycle": cycle, "drawing": drawing}, request=None
    )
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg.strip(), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="arshjul-{cycle.year}.svg"'
    return response


@require_safe
def wheel_poster(request, year: int):
    """The A3 poster: made once per version of the cycle's steps (a PDF job), then served
    from it; while it is being made, a page that says so and looks again."""
    published, cycle = _published_cycle_or_404(year)
    job = posters.poster_for(cycle, published.steps[cycle.pk])
    if job.state == job.State.DONE and job.file:
        return FileResponse(
            job.file.open("rb"),
            filename=f"arshjul-{cycle.year}-affisch.pdf",
            content_type="application/pdf",
        )
    response = render(request, "arshjul/poster_wait.html", {"cycle": cycle, "job": job}, status=202)
    response["Cache-Control"] = "no-store"
    return response
