from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.management_dashboard, name="dashboard"),
    path("management.pdf", views.management_pdf, name="management_pdf"),
]
