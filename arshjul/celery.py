"""The Celery app. Configured from Django settings (CELERY_ namespace); tasks autodiscovered.

With no CELERY_BROKER_URL the settings make every task run eagerly in the calling process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arshjul.settings")

app = Celery("arshjul")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
