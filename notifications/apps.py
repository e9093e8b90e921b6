from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Meldingen en herinneringen"

    def ready(self) -> None:
        # Imported here: receivers import models, which need a ready registry; privacy
        # announces through signals because it sits below this app and may not call it.
        from privacy.signals import break_glass_opened, participation_changed

        from .receivers import on_break_glass_opened, on_participation_changed

        break_glass_opened.connect(
            on_break_glass_opened, dispatch_uid="notifications.break_glass_opened"
        )
        participation_changed.connect(
            on_participation_changed, dispatch_uid="notifications.participation_changed"
        )
