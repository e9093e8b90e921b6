from django.urls import path

from . import views, views_lists, views_screening
from .steps import PAGES

app_name = "escalation"

# One page per workflow step on a case, from the step table; the URL names are what
# other apps link to (triage links to escalation:request and escalation:consult).
urlpatterns = [
    path("worklist/", views_lists.worklist, name="worklist"),
    path("screening/", views_lists.screening, name="screening"),
    path("notices/", views_lists.notice_list, name="notices"),
    path("notices/<int:pk>/", views_lists.notice_record, name="notice_record"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("cases/<int:pk>/notice/", views.notice_mark, name="notice_mark"),
    path("cases/<int:pk>/bekend/", views_screening.known, name="known"),
    path("referrals/<int:pk>/status/", views_screening.referral_status, name="referral_status"),
    *[
        path(f"cases/<int:pk>/{step.route}/", views.workflow_step, {"step": name}, name=name)
        for name, step in PAGES.items()
    ],
]
