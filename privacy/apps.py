from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    verbose_name = "Privacy en convenant"
    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"
