from django.urls import path

from . import views, views_case, views_convenant, views_inzage

app_name = "privacy"

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/export.csv", views.access_log_csv, name="access_log_csv"),
    path("access-log/overview/", views.access_log_overview, name="access_log_overview"),
    path("case/<int:pk>/access-log/", views.case_access_log, name="case_access_log"),
    path("case/<int:pk>/participants/", views_case.case_participants, name="case_participants"),
    path("case/<int:pk>/basis/", views_case.case_basis, name="case_basis"),
    path("convenant/", views_convenant.convenant, name="convenant"),
    path("convenant/bevestigen/", views_convenant.convenant_confirm, name="convenant_confirm"),
    path("break-the-glass/", views_case.break_glass, name="break_glass"),
    path("break-the-glass/review/", views.break_glass_review_list, name="break_glass_review_list"),
    path(
        "break-the-glass/review/<int:pk>/",
        views.break_glass_review,
        name="break_glass_review",
    ),
    path("retention/", views.retention_overview, name="retention"),
    path("inzage/", views_inzage.inzage_search, name="inzage"),
    path("inzage/verzoek/", views_inzage.inzage_request_start, name="inzage_request_start"),
    path(
        "inzage/verzoek/<int:pk>/afronden/",
        views_inzage.inzage_request_complete,
        name="inzage_request_complete",
    ),
    path("inzage/controleren/", views_inzage.inzage_check, name="inzage_check"),
    path("inzage/export.json", views_inzage.inzage_json, name="inzage_json"),
    path("inzage/export.pdf", views_inzage.inzage_pdf, name="inzage_pdf"),
]
