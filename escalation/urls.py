from django.urls import path

from . import views, views_lists

app_name = "escalation"

# One page per workflow step on a case; the names are what other apps link to
# (triage links to escalation:request and escalation:consult).
CASE_STEPS = [
    ("consult", "consult"),
    ("consult_answer", "consult/answer"),
    ("request", "request"),
    ("re_escalate", "re-escalate"),
    ("accept", "accept"),
    ("decline", "decline"),
    ("conference", "conference"),
    ("review", "review"),
    ("plan", "plan"),
    ("action_add", "plan/action"),
    ("handover", "handover"),
    ("handover_accept", "handover/accept"),
    ("handover_reject", "handover/reject"),
    ("aftercare", "aftercare"),
    ("close", "close"),
]

urlpatterns = [
    path("worklist/", views_lists.worklist, name="worklist"),
    path("screening/", views_lists.screening, name="screening"),
    path("notices/", views_lists.notice_list, name="notices"),
    path("notices/<int:pk>/", views_lists.notice_record, name="notice_record"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("cases/<int:pk>/notice/", views.notice_mark, name="notice_mark"),
    *[
        path(f"cases/<int:pk>/{route}/", views.workflow_step, {"step": name}, name=name)
        for name, route in CASE_STEPS
    ],
]
