from django.urls import path

from . import views, views_item

app_name = "meetings"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("new/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/overleg.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:meeting_pk>/items/<int:item_pk>/", views_item.item_detail, name="item"),
    path(
        "<int:meeting_pk>/items/<int:item_pk>/verslag/",
        views_item.item_minutes,
        name="item_minutes",
    ),
    path(
        "<int:meeting_pk>/items/<int:item_pk>/besluit/",
        views_item.decision_add,
        name="decision_add",
    ),
    path(
        "<int:meeting_pk>/items/<int:item_pk>/verslag.pdf",
        views_item.item_pdf,
        name="item_pdf",
    ),
]
