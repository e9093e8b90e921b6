"""Users and their memberships (beheer/views_users.py, views_user_access.py,
views_import.py). Organisations and regions are in urls_organisations.py."""

from django.urls import path

from . import views_import, views_user_access, views_users

urlpatterns = [
    path("gebruikers/", views_users.users, name="users"),
    path("gebruikers/uitnodigen/", views_users.user_invite, name="user_invite"),
    path("gebruikers/import/", views_import.users_import, name="users_import"),
    path(
        "gebruikers/import/voorbeeld.csv",
        views_import.users_import_example,
        name="users_import_example",
    ),
    path("gebruikers/<int:pk>/", views_users.user_detail, name="user_detail"),
    path("gebruikers/<int:pk>/wijzigen/", views_users.user_edit, name="user_edit"),
    path(
        "gebruikers/<int:pk>/uitnodiging/",
        views_users.invitation_resend,
        name="user_invitation_resend",
    ),
    path(
        "gebruikers/<int:pk>/lidmaatschappen/nieuw/",
        views_user_access.membership_add,
        name="user_membership_add",
    ),
    path(
        "gebruikers/<int:pk>/lidmaatschappen/<int:membership_pk>/beeindigen/",
        views_user_access.membership_end,
        name="user_membership_end",
    ),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        views_user_access.user_deactivate,
        name="user_deactivate",
    ),
    path(
        "gebruikers/<int:pk>/heractiveren/",
        views_user_access.user_reactivate,
        name="user_reactivate",
    ),
]
