"""The Django admin (/beheer/) is for operations staff (superusers) only.

Trust II finding 1: through the admin, whoever could edit users could set any password
and add or read 2FA devices (the TOTP key is in the device form). So the admin shows no
2FA device at all and cannot set a password; passwords and 2FA go through the one-time
link procedure (accounts/recovery.py). Functioneel beheer is not staff.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)

# Only a superuser may hand out these; otherwise "change user" is "become superuser".
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserWithoutPasswordAdmin(UserAdmin):
    """auth.User without the password field, the password form or its URL."""

    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rechten"), {"fields": ("is_active", *PRIVILEGE_FIELDS)}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        # UserChangeForm declares a password field (with a link to the password form);
        # a plain model form of the listed fields has none.
        kwargs["form"] = admin.ModelAdmin.form
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            fields = (*fields, *PRIVILEGE_FIELDS)
        return fields

    def get_urls(self):
        # UserAdmin adds "<id>/password/"; the plain ModelAdmin URLs have no such page.
        return admin.ModelAdmin.get_urls(self)

    def has_add_permission(self, request) -> bool:
        # Adding a user means choosing their password; new users get a link instead.
        return False

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied
