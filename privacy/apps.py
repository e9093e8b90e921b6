from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save


class PrivacyConfig(AppConfig):
    verbose_name = "Privacy en convenant"
    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here because models may only be imported once the registry is ready.
        from .identity import refuse_used_username_change

        pre_save.connect(
            refuse_used_username_change,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="privacy.refuse_used_username_change",
        )
