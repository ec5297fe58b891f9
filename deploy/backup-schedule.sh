#!/bin/sh
# The compose stack's scheduled backup (the `backup` service): one archive at start, so that a
# new stack has one at once, then one every day at BACKUP_TIME (HH:MM, Swedish time, default
# 02:30). `manage.py backup` keeps the newest BACKUP_KEEP archives in BACKUP_DIR.
set -u
at="${BACKUP_TIME:-02:30}"
while true; do
    python manage.py backup || echo "The backup failed; the next try is at $at." >&2
    now=$(date +%s)
    next=$(TZ=Europe/Stockholm date -d "today $at" +%s)
    [ "$next" -gt "$now" ] || next=$(TZ=Europe/Stockholm date -d "tomorrow $at" +%s)
    sleep $((next - now))
done
