from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save, pre_save


class PrivacyConfig(AppConfig):
    verbose_name = "Privacy en convenant"
    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here because models may only be imported once the registry is ready.
        from organisations.models import Region

        from .convenant import ensure_region_matrix
        from .identity import refuse_used_username_change

        post_save.connect(
            ensure_region_matrix, sender=Region, dispatch_uid="privacy.ensure_region_matrix"
        )

        pre_save.connect(
            refuse_used_username_change,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="privacy.refuse_used_username_change",
        )
