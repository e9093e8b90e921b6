from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    path("security/", views.security, name="security"),
    path("security/backup-codes/", views.backup_codes_renew, name="backup_codes_renew"),
    path("logout-everywhere/", views.logout_everywhere, name="logout_everywhere"),
    path("session/ping/", views.session_ping, name="session_ping"),
]
