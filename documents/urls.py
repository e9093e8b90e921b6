from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("cases/<int:case_pk>/new/", views.document_upload, name="upload"),
    path("cases/<int:case_pk>/<int:document_pk>/", views.document_download, name="download"),
]
