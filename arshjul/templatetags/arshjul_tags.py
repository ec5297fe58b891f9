from django import forms, template
from django.utils.translation import gettext as _

from arshjul import selectors, staff_sso
from arshjul.lib import staff_login

register = template.Library()


@register.simple_tag(takes_context=True)
def cycles_for_staff(context) -> list:
    """The cycles the admin's start page leads with (newest first), for staff who may see
    them."""
    if not context["request"].user.has_perm("arshjul.view_cycle"):
        return []
    return selectors.cycles_for_staff()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_or_formsets, refusal=""):
    """The GOV.UK error summary: every problem at the top, each linking to its field."""
    problems = []
    if refusal:
        problems.append(("", refusal))
    for item in forms_or_formsets:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            problems += [("", e) for e in item.non_form_errors()]
            # A formset may name its rows ("Rad 2"); participants are the first use.
            label = getattr(item, "row_label", None) or _("Participant %(number)d")
            for number, form in enumerate(item.forms, start=1):
                prefix = str(label) % {"number": number}
                problems += _form_problems(form, prefix=prefix)
        else:
            problems += _form_problems(item)
    return {"problems": problems}


def _form_problems(form, prefix=""):
    problems = []
    if not form.is_bound:
        return problems
    for name, errors in form.errors.items():
        for error in errors:
            text = f"{prefix}: {error}" if prefix else error
            if name == forms.forms.NON_FIELD_ERRORS:
                problems.append(("", text))
            else:
                problems.append((form[name].auto_id, text))
    return problems


@register.filter
def markdown(text):
    """Staff's Markdown as safe HTML (arshjul.lib.markdown)."""
    from arshjul.lib.markdown import render_markdown

    return render_markdown(text)


@register.filter
def webcal(path: str) -> str:
    """The address a calendar program subscribes to: webcal:// and this site's host."""
    from urllib.parse import urlsplit

    from django.conf import settings

    return f"webcal://{urlsplit(settings.SITE_URL).netloc}{path}"


@register.filter
def absolute(path: str) -> str:
    """A path on this site as a full address (for what is copied elsewhere)."""
    from django.conf import settings

    return settings.SITE_URL.rstrip("/") + path


@register.simple_tag
def staff_sign_on() -> dict:
    """What the admin's login page offers: the region's account (when single sign-on is on),
    and whether local passwords are kept for the break-glass superuser only."""
    return {
        "enabled": staff_sso.enabled(),
        "passwords_limited": staff_login.passwords_limited(),
    }
