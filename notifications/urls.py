from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("<int:pk>/read/", views.reminder_read, name="read"),
    path("read-all/", views.reminder_read_all, name="read_all"),
]
