"""The Celery app. Configured from Django settings (CELERY_ namespace); tasks autodiscovered.

With no CELERY_BROKER_URL the settings make every task run eagerly in the calling process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arshjul.settings")

app = Celery("arshjul")
# The default app in every thread, not only the one that imported this module: otherwise a
# task called from another thread falls back to Celery's unconfigured default app (and its
# default broker).
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker records its heartbeat (alive, which queues) for the Driftstatus page and metrics.
app.steps["worker"].add("arshjul.lib.heartbeat:WorkerHeartbeat")
