"""Fixtures of the working material's tests (the cycle, Kil and Eda, their coordinators and
the cast are in tests/conftest.py)."""

import datetime

import pytest
from django.utils import timezone

from working_material.models import GuidingQuestions, WorkingMaterial


@pytest.fixture
def material(cycle):
    """The 2027 cycle's working material, due 8 January 2027, 23:59:59, with guiding questions
    for each focus challenge."""
    material = WorkingMaterial.objects.create(
        cycle=cycle,
        introduction="Berätta vad ni gör.",
        closes_at=timezone.make_aware(datetime.datetime(2027, 1, 8, 23, 59, 59)),
        published=True,
    )
    for item in cycle.cycle_challenges.all():
        GuidingQuestions.objects.create(
            material=material,
            challenge=item.challenge,
            questions="- Vad gör ni?",
            position=item.position,
        )
    return material


@pytest.fixture
def challenges(material):
    return [item.challenge for item in material.challenges.all()]
