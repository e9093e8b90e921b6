from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "escalation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The access log stores `workflow:<step>`; privacy (a lower layer) shows it in
        # Dutch from the titles this table registers, so the names exist only here.
        from privacy.contexts import register_steps

        from .steps import STEPS

        titles = {}
        for step in STEPS:
            title = step.title or step.label
            titles[step.name] = title
            if step.url_name:
                titles[step.url_name] = title
        register_steps(titles)
