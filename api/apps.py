from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # drf-spectacular finds the bearer-token scheme by its subclass being imported.
        from . import schema  # noqa: F401
