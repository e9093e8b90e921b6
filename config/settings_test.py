"""Test settings: production settings with test-only secrets and fast hashing.

Tests run with DEBUG off, as production does, so that what they check is what ships.
"""

import os

# Long enough for the weak-key refusal in settings.py (DEBUG is off here too).
os.environ.setdefault(
    "SECRET_KEY", "test-only-not-secret-" + "0123456789abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("REQUIRE_2FA", "false")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Services enqueue with delay_on_commit; in tests that runs the task in-process.
# Task functions are tested directly, and one test runs a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if not os.environ.get("REDIS_URL"):
    CELERY_BROKER_URL = "memory://"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
