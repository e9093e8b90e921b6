from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: app modules may only be imported once the registry is ready.
        from .sqlite_search_index import after_migrate

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="cases.search_index")
