from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "beheer"
    verbose_name = _("Functioneel beheer")
