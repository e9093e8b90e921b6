from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared infrastructure; an app only for the task outbox table (lib.models)."""

    name = "lib"
    default_auto_field = "django.db.models.BigAutoField"
