from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("case/<int:pk>/new/", views.assessment_new, name="assessment_new"),
    path(
        "case/<int:pk>/assessment/<int:assessment_pk>/",
        views.assessment_detail,
        name="assessment",
    ),
    path("rulesets/", views.ruleset_list, name="ruleset_list"),
    path("rulesets/new/", views.ruleset_draft_new, name="ruleset_new"),
    path("rulesets/<int:pk>/", views.ruleset_detail, name="ruleset_detail"),
    path("rulesets/<int:pk>/edit/", views.ruleset_edit, name="ruleset_edit"),
    path("rulesets/<int:pk>/preview/", views.ruleset_preview, name="ruleset_preview"),
    path("rulesets/<int:pk>/publish/", views.ruleset_publish, name="ruleset_publish"),
    path("rulesets/<int:pk>/delete/", views.ruleset_delete, name="ruleset_delete"),
]
