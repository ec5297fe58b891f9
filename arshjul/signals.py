"""Hooks of the shared domain that apps react to (Django signals)."""

from django.dispatch import Signal

# A cycle was copied to the next year (arshjul.services.cycle_copy_to_next_year); receivers
# copy what they keep per cycle (meetings, later the survey). Arguments: old, new.
cycle_copied = Signal()
