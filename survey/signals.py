"""What the survey tells other apps (Django signals)."""

from django.dispatch import Signal

# A survey's results are public and final: staff published them after the survey closed
# (survey.services.results_publish), or preliminary results became final when it closed
# (survey.services.results_finalise). Never for preliminary results. Arguments: survey.
# The indicators app takes the survey indicators' values from here.
results_published = Signal()
