"""Functioneel beheer in the app: regions, municipalities, organisations (urls_organisations)
and users with their memberships (urls_users). Beheer never shows case content."""

from django.urls import include, path

from . import views

app_name = "beheer"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("beheer.urls_organisations")),
    path("", include("beheer.urls_users")),
]
