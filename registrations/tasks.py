"""Celery tasks of sign-ups: ids in, one service call."""

from celery import shared_task

from . import signin


@shared_task(name=signin.PROCESS_TASK)
def signin_request_process_task(request_id: int) -> bool:
    return signin.signin_request_process(request_id=request_id)
