"""What the survey tells other apps (Django signals)."""

from django.dispatch import Signal

# Staff published a survey's results (survey.services.results_publish). Arguments: survey.
# The indicators app takes the survey indicators' values from here.
results_published = Signal()
