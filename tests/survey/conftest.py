"""Fixtures of the survey's tests (the cycle, Kil and Eda, their coordinators and the cast are
in tests/conftest.py)."""

import pytest

from tests import factories
from tests.survey.helpers import send_link


@pytest.fixture
def survey(cycle):
    """The 2027 cycle's survey, open until 19 December, 23:59:59."""
    return factories.survey(cycle)


@pytest.fixture
def kil_group(kil):
    return factories.leadership_group(kil, contact_email="ledning@kil.example.org")


@pytest.fixture
def eda_group(eda):
    return factories.leadership_group(eda, contact_email="ledning@eda.example.org")


@pytest.fixture
def kil_link(survey, kil_group):
    """The path Kil's group's link opens: /enkat/?nyckel=…"""
    return send_link(survey, kil_group)
