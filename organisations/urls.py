from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("choose/", views.choose, name="choose"),
    path("switch/", views.switch, name="switch"),
]
