"""The demo's parts of every cycle, in order (``manage.py seed_demo``): each is called as
``seeder(cycle, past=…)`` after the cycle, its challenges and its coordinators exist, and
returns how many rows it created. The shared domain's part is :mod:`arshjul.demo`."""

from followup.demo import seed_cycle as followup
from indicators.demo import seed_cycle as indicators
from meetings.demo import seed_cycle as meetings
from registrations.demo import seed_cycle as registrations
from situation.demo import seed_cycle as situation
from survey.demo import seed_cycle as survey
from working_material.demo import seed_cycle as working_material
from workshops.demo import seed_cycle as workshops

SEEDERS = [meetings, registrations, survey, indicators, working_material, workshops]
SEEDERS += [situation]  # the lägesbild: after the working material and the workshop notes
SEEDERS += [followup]  # the follow-up report, last: compiled from what the others made
