from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views_cases, views_other, views_tokens
from .steps import STEP_VIEWS

app_name = "api"


class DocsView(SpectacularSwaggerSplitView):
    # Our copy of the page without the inline <style> the strict CSP would refuse.
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("cases/", views_cases.CaseListView.as_view(), name="cases"),
    path("cases/<int:pk>/", views_cases.CaseDetailView.as_view(), name="case"),
    path("cases/<int:pk>/persons/", views_cases.CasePersonsView.as_view(), name="persons"),
    path("cases/<int:pk>/notes/", views_cases.CaseNotesView.as_view(), name="notes"),
    path("cases/<int:pk>/triage/", views_cases.CaseTriageView.as_view(), name="triage"),
    path("cases/<int:pk>/actions/", views_other.CaseActionsView.as_view(), name="actions"),
    *(
        path(f"cases/<int:pk>/{name}/", view.as_view(), name=f"step_{name}")
        for name, view in STEP_VIEWS.items()
    ),
    path("actions/<int:pk>/status/", views_other.ActionStatusView.as_view(), name="action_status"),
    path("notifications/", views_other.ReminderListView.as_view(), name="notifications"),
    path(
        "notifications/<int:pk>/read/",
        views_other.ReminderReadView.as_view(),
        name="notification_read",
    ),
    path("triage/evaluate/", views_other.TriageEvaluateView.as_view(), name="triage_evaluate"),
]

urlpatterns = [
    path("tokens/", views_tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke_view, name="token_revoke"),
    path("v1/", include(v1)),
    re_path(r"^.*$", views_other.NotFoundView.as_view(), name="not_found"),
]
