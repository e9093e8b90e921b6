from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: privacy sits below documents and may not import it, so documents
        # hands privacy its retention and inzage steps once the app registry is ready.
        from privacy.inzage import register_inzage_section
        from privacy.retention import register_retention_step

        from . import privacy_steps

        register_retention_step(
            "documents", anonymise=privacy_steps.anonymise, count=privacy_steps.count
        )
        register_inzage_section("documents", privacy_steps.inzage_export)
