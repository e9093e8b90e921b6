"""Settings of the processes the fault tests start themselves (Celery workers, beat,
web servers): the test settings, but publishing to the real broker instead of running
tasks eagerly, e-mail written as files (one per message) to EMAIL_FILE_PATH, and a short
Redis visibility timeout so a message of a killed worker comes back within seconds
instead of an hour. Not a test module: pytest does not collect it."""

import os

from config.settings_test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("FAULT_VISIBILITY_TIMEOUT", "3600")),
    # Look for expired unacked messages every second (default: every 100 s).
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get(
    "FAULT_BEAT_SCHEDULE",
    CELERY_BEAT_SCHEDULE_FILENAME,  # noqa: F405
)
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("FAULT_EMAIL_DIR", str(VAR_DIR / "fault-mail"))  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("FAULT_LOG_LEVEL", "WARNING")  # noqa: F405

# A short beat rhythm for the processes test: the reminder scan and the digest run every
# FAULT_BEAT_EVERY seconds instead of every quarter of an hour.
if os.environ.get("FAULT_BEAT_EVERY"):
    _every = float(os.environ["FAULT_BEAT_EVERY"])
    CELERY_BEAT_SCHEDULE = {
        "send-reminders": {"task": "escalation.tasks.send_reminders_task", "schedule": _every},
        "send-notification-digests": {
            "task": "notifications.tasks.send_notification_digests",
            "schedule": _every,
        },
    }
