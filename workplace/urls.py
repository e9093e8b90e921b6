from django.urls import path

from reports import views as report_views

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_register, name="new"),
    path("aanmelden/", views.case_intake, name="intake"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/overview.pdf", report_views.case_overview_pdf, name="overview_pdf"),
]
