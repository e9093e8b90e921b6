from django.urls import path

from . import beheer_views, recovery_views, views

app_name = "accounts"

urlpatterns = [
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    path("security/", views.security, name="security"),
    path("security/backup-codes/", views.backup_codes_renew, name="backup_codes_renew"),
    path("logout-everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("session/ping/", views.session_ping, name="session_ping"),
    path("link/<str:token>/", recovery_views.link, name="link_use"),
    path("wachtwoord-vergeten/", recovery_views.forgot_password, name="forgot_password"),
    path("beheer/users/", beheer_views.users, name="beheer_users"),
    path(
        "beheer/users/<int:pk>/password-link/",
        beheer_views.password_link,
        name="beheer_password_link",
    ),
    path(
        "beheer/users/<int:pk>/2fa-reset/", beheer_views.reset_request, name="beheer_reset_request"
    ),
    path(
        "beheer/2fa-resets/<int:pk>/approve/",
        beheer_views.reset_decide,
        {"decision": "approve"},
        name="beheer_reset_approve",
    ),
    path(
        "beheer/2fa-resets/<int:pk>/refuse/",
        beheer_views.reset_decide,
        {"decision": "refuse"},
        name="beheer_reset_refuse",
    ),
    path("audit/", beheer_views.audit, name="audit"),
]
