from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import Membership
from .roles import MEMBERSHIPS_ATTR


class MembershipBackend(ModelBackend):
    """ModelBackend that loads the user's active memberships and organisations with it.

    Every request needs them to decide what may be seen; read from the membership side,
    user, memberships and organisations come in one query (a second one only for a user
    without any active membership).
    """

    def get_user(self, user_id):
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user_id)
            .select_related("user", "organisation")
            .order_by("pk")
        )
        if memberships:
            user = memberships[0].user
            for membership in memberships:
                membership.user = user
        else:
            user_model = get_user_model()
            try:
                user = user_model._default_manager.get(pk=user_id)
            except user_model.DoesNotExist:
                return None
        setattr(user, MEMBERSHIPS_ATTR, memberships)
        return user if self.user_can_authenticate(user) else None
