import pytest
from django.test import override_settings
from django.utils import timezone

from arshjul.lib import emails

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://arshjul.example.org")
def test_an_email_is_swedish_with_a_plain_text_part_and_absolute_links(frozen_now):
    frozen_now(2027, 1, 13, 9, 30)

    mail = emails.make_message("test", {"requested_by": "Anna & Co", "now": timezone.now()})

    assert mail.subject == "Testmeddelande från Årshjul"
    assert "13 januari 2027 kl. 09:30" in mail.body_text
    assert "Anna & Co" in mail.body_text  # plain text is not HTML-escaped
    assert "https://arshjul.example.org/" in mail.body_text
    assert '<html lang="sv">' in mail.body_html
    assert 'href="https://arshjul.example.org/"' in mail.body_html
    assert "Anna &amp; Co" in mail.body_html
    assert "<img" not in mail.body_html  # readable without images


def test_an_email_can_be_rendered_in_english():
    mail = emails.make_message("test", {"now": timezone.now()}, language="en")
    assert mail.subject == "Test message from Årshjul"
    assert '<html lang="en">' in mail.body_html


def test_absolute_url_builds_on_site_url(settings):
    settings.SITE_URL = "https://arshjul.example.org/"
    assert emails.absolute_url("home") == "https://arshjul.example.org/"
    assert emails.absolute_url("cycle-detail", 2027) == "https://arshjul.example.org/arshjul/2027/"
