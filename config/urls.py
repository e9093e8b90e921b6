from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.login_views import LoginView

from . import health

urlpatterns = [
    # The start page is each role's work list (DESIGN.md, "User interface").
    path(
        "",
        RedirectView.as_view(pattern_name="escalation:worklist", permanent=False),
        name="home",
    ),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("oidc/", include("accounts.sso_urls")),
    path("organisations/", include("organisations.urls")),
    path("cases/", include("workplace.urls")),
    path("privacy/", include("privacy.urls")),
    path("triage/", include("triage.urls")),
    path("escalation/", include("escalation.urls")),
    path("reports/", include("reports.urls")),
    path("meetings/", include("meetings.urls")),
    path("notifications/", include("notifications.urls")),
    path("documents/", include("documents.urls")),
    path("api/", include("api.urls")),
    path("functioneel-beheer/", include("beheer.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
]

# A lost database connection becomes the Dutch 503 page, any other error the 500 page.
handler500 = "config.health.server_error"
