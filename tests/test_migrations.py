"""Every model change has its migration: CI fails otherwise."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exit_:
        pytest.fail(f"a model change has no migration (makemigrations --check: {exit_.code})")
