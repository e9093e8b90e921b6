"""A username that appears in the access log is never changed.

The access log keeps each row's username as it was (NEN 7513), but people search and
filter the log by username: if a used name could be given to someone else, two
people's histories would read as one. Django's User model is not ours to change, so
the rule hooks into its `pre_save`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AccessLog


def refuse_used_username_change(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    stored = (
        get_user_model().objects.filter(pk=instance.pk).values_list("username", flat=True).first()
    )
    if stored is None or stored == instance.get_username():
        return
    if AccessLog.objects.filter(user_id=instance.pk).exists():
        raise ValidationError(
            _(
                "De gebruikersnaam %(name)s staat in het toegangslog en kan daarom niet "
                "meer worden gewijzigd."
            )
            % {"name": stored}
        )
