import io

import pytest
from django.core.management import CommandError, call_command

from arshjul.lib import sweeps

pytestmark = pytest.mark.django_db


def test_run_sweeps_runs_every_registered_sweep():
    out = io.StringIO()
    call_command("run_sweeps", stdout=out)
    lines = out.getvalue().splitlines()
    assert "outbox: 0" in lines and "pdf-jobs: 0" in lines


def test_an_unknown_sweep_is_refused():
    with pytest.raises(CommandError, match="finns-inte"):
        call_command("run_sweeps", "finns-inte")


def test_a_failing_sweep_does_not_stop_the_others():
    ran = []

    @sweeps.sweep("test-broken")
    def broken():
        raise RuntimeError("trasig")

    @sweeps.sweep("test-after")
    def after():
        ran.append(True)
        return 1

    try:
        results = sweeps.run_sweeps(["test-broken", "test-after"])
    finally:
        sweeps.sweeps.unregister("test-broken")
        sweeps.sweeps.unregister("test-after")
    assert results["test-broken"].startswith("error: RuntimeError")
    assert results["test-after"] == 1 and ran == [True]


def test_beat_runs_the_sweeps_periodically(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["run-sweeps"]
    assert entry["task"] == "arshjul.tasks.run_sweeps"
    from arshjul.celery import app

    assert "arshjul.tasks.run_sweeps" in app.tasks
