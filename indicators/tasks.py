"""Celery tasks of the indicators: ids in, one service call."""

from celery import shared_task

from . import services


@shared_task(name=services.FETCH_TASK)
def kolada_fetch_run_task(fetch_id: int) -> str:
    return services.kolada_fetch_run(fetch_id=fetch_id)
