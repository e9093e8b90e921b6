"""Regions, municipalities and organisations (beheer/views_regions.py,
views_organisations.py) and the beheer trail (views_trail.py)."""

from django.urls import path

from . import views_organisations, views_regions, views_trail

urlpatterns = [
    path("regios/", views_regions.region_list, name="region_list"),
    path("regios/nieuw/", views_regions.region_create, name="region_create"),
    path("regios/<int:pk>/", views_regions.region_detail, name="region_detail"),
    path("regios/<int:pk>/wijzigen/", views_regions.region_edit, name="region_edit"),
    path("gemeenten/nieuw/", views_regions.municipality_create, name="municipality_create"),
    path("gemeenten/<int:pk>/wijzigen/", views_regions.municipality_edit, name="municipality_edit"),
    path("organisaties/", views_organisations.organisation_list, name="organisation_list"),
    path(
        "organisaties/nieuw/",
        views_organisations.organisation_create,
        name="organisation_create",
    ),
    path(
        "organisaties/<int:pk>/",
        views_organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisaties/<int:pk>/wijzigen/",
        views_organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisaties/<int:pk>/deactiveren/",
        views_organisations.organisation_deactivate_view,
        name="organisation_deactivate",
    ),
    path(
        "organisaties/<int:pk>/heractiveren/",
        views_organisations.organisation_reactivate_view,
        name="organisation_reactivate",
    ),
    path("logboek/", views_trail.trail, name="trail"),
]
