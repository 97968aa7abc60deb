"""The nightly run that picks up new reports."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


def nightly_build(job) -> ScheduleDefinition:
    return ScheduleDefinition(
        name="nightly_build",
        job=job,
        cron_schedule=NIGHTLY_CRON,
        execution_timezone=TIMEZONE,
        default_status=DefaultScheduleStatus.RUNNING,
        description="Rebuild the warehouse every night at 02:00 (Beijing time).",
    )
