"""What the survey's tests post and look for: a group's link sent and found in its mail, an
answer page's fields."""

import re

from django.test import TestCase

from arshjul.models import OutgoingMail
from survey import services
from tests.html import hidden_fields


def send_link(survey, group) -> str:
    """Send the group its link as the coordinator's button does; the path it opens."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.links_send(survey=survey, groups=[group])
    return link_in_mail(group.contact_email)


def link_in_mail(address: str) -> str:
    """The path of the survey link last mailed to ``address``: /enkat/?nyckel=…"""
    mail = OutgoingMail.objects.filter(to=address).order_by("-pk").first()
    return re.search(r"http://[^/\s]+(/enkat/\?nyckel=[\w-]+)", mail.body_text)[1]


def answers(survey, **values) -> dict:
    """POST data for the answer page: answers by question key, plus the versions shown."""
    data = {}
    for key, value in values.items():
        data[f"q{survey.q[key].pk}"] = value
    return data


def versions_on(page) -> dict:
    """What an answer page says it showed (each answer's hidden q<id>-shown and q<id>-version
    fields), as a browser posts it back."""
    return hidden_fields(page, r"q\d+-(shown|version)")
