from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("<int:pk>/read/", views.reminder_read, name="read"),
    path("read-all/", views.reminder_read_all, name="read_all"),
    path("events/<int:pk>/", views.notification_open, name="open"),
    path("events/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("preferences/", views.notification_preferences, name="preferences"),
]
