from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

PASSWORD_MAX_LENGTH = 1024


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app, or a backup code."""

    token = forms.RegexField(
        label=_("Verificatiecode"),
        regex=r"^\s*([0-9]{6}|[a-z2-7]{8})\s*$",
        max_length=20,
        help_text=_("De 6 cijfers uit uw authenticator-app, of een van uw reservecodes."),
        error_messages={
            "invalid": _("Vul de 6 cijfers uit uw app in, of een reservecode van 8 tekens."),
            "required": _("Vul de verificatiecode in."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip().lower()


class SetupTokenForm(TokenForm):
    token = forms.RegexField(
        label=_("Code uit de app"),
        regex=r"^\s*[0-9]{6}\s*$",
        max_length=20,
        help_text=_("Vul de 6 cijfers in die de app na het scannen toont."),
        error_messages={
            "invalid": _("Vul de 6 cijfers uit uw authenticator-app in."),
            "required": _("Vul de code uit de app in."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LoginForm(AuthenticationForm):
    """Django's login form, with length limits that are actually validated.

    AuthenticationForm sets max_length on the username field after construction, so
    no validator enforces it: an over-long username reached authenticate() and
    django-axes' attempt log (varchar 255), a database error on PostgreSQL.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length or 150))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class ForgotPasswordForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )


class ResetRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=200,
        help_text=_("Bijvoorbeeld: telefoon kwijt, nieuwe telefoon zonder overgezette app."),
        error_messages={
            "required": _("Geef een reden voor de 2FA-reset (bijvoorbeeld: telefoon kwijt)."),
            "max_length": _("Houd de reden korter dan 200 tekens."),
        },
    )
